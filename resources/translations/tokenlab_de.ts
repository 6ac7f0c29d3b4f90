<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApiClient</name>
    <message>
        <source>&quot;%1&quot; is not an http(s) URL; set the profile&apos;s API base URL or give a full URL.</source>
        <translation>„%1“ ist keine http(s)-URL; legen Sie die API-Basis-URL des Profils fest oder geben Sie eine vollständige URL an.</translation>
    </message>
    <message>
        <source>TokenLab sends GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS, not &quot;%1&quot;.</source>
        <translation>TokenLab sendet GET, POST, PUT, PATCH, DELETE, HEAD und OPTIONS, nicht „%1“.</translation>
    </message>
    <message>
        <source>There is no access token for this profile yet, so the request went without one.</source>
        <translation>Für dieses Profil gibt es noch kein Access-Token, daher ging die Anfrage ohne eines hinaus.</translation>
    </message>
    <message>
        <source>Sent without the token: %1 is not the profile&apos;s API origin (%2).</source>
        <translation>Ohne das Token gesendet: %1 ist nicht der API-Ursprung des Profils (%2).</translation>
    </message>
    <message>
        <source>Not sent: the token is DPoP-bound, and this profile&apos;s proof key could not be read from the keychain, so no proof could go with it. Log in again (a new key is made).</source>
        <translation>Nicht gesendet: Das Token ist DPoP-gebunden, und der Proof-Schlüssel dieses Profils ließ sich nicht aus dem Schlüsselbund lesen, daher konnte kein Proof mitgehen. Melden Sie sich erneut an (dabei entsteht ein neuer Schlüssel).</translation>
    </message>
    <message>
        <source>Sent an expired token, as asked.</source>
        <translation>Wie gewünscht ein abgelaufenes Token gesendet.</translation>
    </message>
    <message>
        <source>Not sent: the access token expired %1 ago. Log in again, or send it anyway to see how the API answers an expired token.</source>
        <translation>Nicht gesendet: Das Access-Token ist vor %1 abgelaufen. Melden Sie sich erneut an, oder senden Sie es trotzdem, um zu sehen, wie die API auf ein abgelaufenes Token antwortet.</translation>
    </message>
    <message>
        <source>The request did not get an answer: </source>
        <translation>Die Anfrage bekam keine Antwort: </translation>
    </message>
    <message>
        <source>The API asked for a DPoP nonce (use_dpop_nonce); TokenLab sent the request again with it.</source>
        <translation>Die API verlangte eine DPoP-Nonce (use_dpop_nonce); TokenLab hat die Anfrage damit erneut gesendet.</translation>
    </message>
    <message>
        <source>Redirected to another origin (%1): the request&apos;s Authorization header stayed behind.</source>
        <translation>Auf einen anderen Ursprung weitergeleitet (%1): Der Authorization-Header der Anfrage blieb zurück.</translation>
    </message>
    <message>
        <source>Redirected to %1: followed without the token, which stays with %2.</source>
        <translation>Nach %1 weitergeleitet: ohne das Token gefolgt, das bei %2 bleibt.</translation>
    </message>
    <message>
        <source>Redirected (HTTP %1) to %2.</source>
        <translation>Weitergeleitet (HTTP %1) nach %2.</translation>
    </message>
    <message>
        <source>HTTP %1 arrived, but the answer broke off after %2 bytes: %3</source>
        <translation>HTTP %1 kam an, aber die Antwort brach nach %2 Bytes ab: %3</translation>
    </message>
</context>
<context>
    <name>ApiConsole</name>
    <message>
        <source>&amp;Without the token</source>
        <translation>Ohne To&amp;ken</translation>
    </message>
    <message>
        <source>Even if e&amp;xpired</source>
        <translation>Auch &amp;wenn abgelaufen</translation>
    </message>
    <message>
        <source>Calls you send show here, newest last, and are kept across restarts without their tokens.</source>
        <translation>Gesendete Aufrufe erscheinen hier, die neuesten zuletzt, und bleiben über Neustarts erhalten, ohne ihre Tokens.</translation>
    </message>
    <message>
        <source>Send a&amp;gain</source>
        <translation>Erne&amp;ut senden</translation>
    </message>
    <message>
        <source>Edit a &amp;copy</source>
        <translation>Kopie &amp;bearbeiten</translation>
    </message>
    <message>
        <source>Fill the request editor with this endpoint and send it</source>
        <translation>Den Anfrage-Editor mit diesem Endpunkt füllen und senden</translation>
    </message>
    <message>
        <source>Send the request without the access token</source>
        <translation>Die Anfrage ohne das Access-Token senden</translation>
    </message>
    <message>
        <source>Send the access token even when it has expired, to see what the API answers</source>
        <translation>Das Access-Token auch abgelaufen senden, um zu sehen, was die API antwortet</translation>
    </message>
    <message>
        <source>Send the selected call again as it was (Enter in the list)</source>
        <translation>Den gewählten Aufruf unverändert erneut senden (Enter in der Liste)</translation>
    </message>
    <message>
        <source>Open the selected call in the request editor</source>
        <translation>Den gewählten Aufruf im Anfrage-Editor öffnen</translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Saved re&amp;quests</source>
        <translation>&amp;Gespeichert</translation>
    </message>
    <message>
        <source>Var&amp;iables</source>
        <translation>Variab&amp;len</translation>
    </message>
    <message>
        <source>Save the profile to call its API.</source>
        <translation>Speichern Sie das Profil, um seine API aufzurufen.</translation>
    </message>
    <message>
        <source>Set the profile&apos;s API base URL on the Login tab to call its API, or type a full URL.</source>
        <translation>Legen Sie auf dem Reiter „Anmeldung“ die API-Basis-URL des Profils fest, um seine API aufzurufen, oder geben Sie eine vollständige URL ein.</translation>
    </message>
    <message>
        <source>Ready: calls to %1 carry the access token.</source>
        <translation>Bereit: Aufrufe an %1 tragen das Access-Token.</translation>
    </message>
    <message>
        <source>Ready; no access token yet, so calls go without one. Log in first for the private endpoints.</source>
        <translation>Bereit; noch kein Access-Token, daher gehen Aufrufe ohne eines hinaus. Melden Sie sich für die privaten Endpunkte zuerst an.</translation>
    </message>
    <message>
        <source>(probe)</source>
        <translation>(Probe)</translation>
    </message>
    <message>
        <source>This call is not in the history: %1</source>
        <translation>Dieser Aufruf steht nicht im Verlauf: %1</translation>
    </message>
    <message>
        <source>Sent again without the headers the history keeps redacted; use Edit a copy to type them in.</source>
        <translation>Erneut gesendet ohne die Header, die der Verlauf geschwärzt aufbewahrt; mit „Kopie bearbeiten“ können Sie sie eintippen.</translation>
    </message>
    <message>
        <source>The call is in the request editor; redacted headers are left out, type them again if the API needs them.</source>
        <translation>Der Aufruf steht im Anfrage-Editor; geschwärzte Header fehlen, tippen Sie sie erneut ein, wenn die API sie braucht.</translation>
    </message>
    <message>
        <source>Save the profile first; its requests are saved with it.</source>
        <translation>Speichern Sie zuerst das Profil; seine Anfragen werden mit ihm gespeichert.</translation>
    </message>
    <message>
        <source> Its DPoP proof was made now: run it within a minute (servers allow some leeway), once.</source>
        <translation> Sein DPoP-Proof wurde gerade erstellt: Führen Sie ihn innerhalb einer Minute aus (Server lassen etwas Spielraum), und nur einmal.</translation>
    </message>
    <message>
        <source> Its DPoP proof is the one already sent, which servers refuse a second time; call once more from here for a fresh one.</source>
        <translation> Sein DPoP-Proof ist der bereits gesendete, den Server ein zweites Mal ablehnen; rufen Sie von hier aus erneut auf, um einen frischen zu erhalten.</translation>
    </message>
    <message>
        <source> It holds the value of a secret variable: do not share it.</source>
        <translation> Er enthält den Wert einer geheimen Variablen: Geben Sie ihn nicht weiter.</translation>
    </message>
    <message>
        <source>Copied a curl command for %1 %2; it asks tokenlab-cli for the token of %3 when it runs.</source>
        <translation>curl-Befehl für %1 %2 kopiert; er fragt beim Ausführen tokenlab-cli nach dem Token von %3.</translation>
    </message>
    <message>
        <source>Copied a curl command for %1 %2 (the call carried no token).</source>
        <translation>curl-Befehl für %1 %2 kopiert (der Aufruf trug kein Token).</translation>
    </message>
    <message>
        <source>There is no access token to copy; log in first.</source>
        <translation>Es gibt kein Access-Token zum Kopieren; melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>Copied a curl command for %1 %2 with the access token itself in it; do not share it.</source>
        <translation>curl-Befehl für %1 %2 mit dem Access-Token selbst darin kopiert; geben Sie ihn nicht weiter.</translation>
    </message>
</context>
<context>
    <name>AuthorizationCallback</name>
    <message>
        <source>A request for another path reached the redirect listener.</source>
        <translation>Eine Anfrage für einen anderen Pfad erreichte den Weiterleitungs-Listener.</translation>
    </message>
    <message>
        <source>A %1 request reached the redirect listener; the browser comes back with GET.</source>
        <translation>Eine %1-Anfrage erreichte den Weiterleitungs-Listener; der Browser kommt mit GET zurück.</translation>
    </message>
    <message>
        <source>A malformed callback was refused: %1.</source>
        <translation>Ein fehlerhafter Callback wurde abgelehnt: %1.</translation>
    </message>
    <message>
        <source>A callback with the parameter &quot;%1&quot; twice was refused.</source>
        <translation>Ein Callback mit dem Parameter „%1“ doppelt wurde abgelehnt.</translation>
    </message>
    <message>
        <source>A callback with a state that is not this login&apos;s was refused (a possible cross-site request forgery).</source>
        <translation>Ein Callback mit einem State, der nicht zu dieser Anmeldung gehört, wurde abgelehnt (mögliche Cross-Site Request Forgery).</translation>
    </message>
    <message>
        <source>A callback without a state was refused.</source>
        <translation>Ein Callback ohne State wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The issuer signed the browser out and sent it back.</source>
        <translation>Der Issuer hat den Browser abgemeldet und zurückgeschickt.</translation>
    </message>
    <message>
        <source>The authorization response came from the issuer &quot;%1&quot;, not &quot;%2&quot; (a possible mix-up attack); no tokens were requested.</source>
        <translation>Die Autorisierungsantwort kam vom Issuer „%1“, nicht von „%2“ (möglicher Mix-up-Angriff); es wurden keine Tokens angefordert.</translation>
    </message>
    <message>
        <source>The issuer promised an iss parameter (RFC 9207) but the response has none; no tokens were requested.</source>
        <translation>Der Issuer hat einen iss-Parameter zugesagt (RFC 9207), aber die Antwort hat keinen; es wurden keine Tokens angefordert.</translation>
    </message>
    <message>
        <source>The authorization server answered %1.</source>
        <translation>Der Autorisierungsserver antwortete %1.</translation>
    </message>
    <message>
        <source>The authorization server answered: %1 (%2).</source>
        <translation>Der Autorisierungsserver antwortete: %1 (%2).</translation>
    </message>
    <message>
        <source>The authorization server came back without a code or an error.</source>
        <translation>Der Autorisierungsserver kam ohne Code und ohne Fehler zurück.</translation>
    </message>
    <message>
        <source>The browser brought back an authorization code.</source>
        <translation>Der Browser hat einen Autorisierungscode zurückgebracht.</translation>
    </message>
</context>
<context>
    <name>BrunoImport</name>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not the start of a block (&quot;name {&quot;).</source>
        <translation>„%1“ ist nicht der Anfang eines Blocks („name {“).</translation>
    </message>
    <message>
        <source>a block has no name, or a name with a space.</source>
        <translation>Ein Block hat keinen Namen oder einen Namen mit Leerzeichen.</translation>
    </message>
    <message>
        <source>the block &quot;%1&quot; is never closed with &quot;%2&quot; on a line of its own.</source>
        <translation>Der Block „%1“ wird nie mit „%2“ auf einer eigenen Zeile geschlossen.</translation>
    </message>
    <message>
        <source>a line of &quot;%1&quot; is not &quot;key: value&quot;.</source>
        <translation>Eine Zeile von „%1“ ist nicht „key: value“.</translation>
    </message>
    <message>
        <source>The folder holds more than %1 files, more than a collection TokenLab reads.</source>
        <translation>Der Ordner enthält mehr als %1 Dateien, mehr als eine Sammlung, die TokenLab liest.</translation>
    </message>
    <message>
        <source>The file name &quot;%1&quot; is not a plain path inside the collection folder.</source>
        <translation>Der Dateiname „%1“ ist kein einfacher Pfad innerhalb des Sammlungsordners.</translation>
    </message>
    <message>
        <source>The folders are nested more than %1 deep.</source>
        <translation>Die Ordner sind tiefer als %1 Ebenen verschachtelt.</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB.</source>
        <translation>%1 ist größer als %2 MiB.</translation>
    </message>
    <message>
        <source>The collection&apos;s files add up to more than %1 MiB.</source>
        <translation>Die Dateien der Sammlung sind zusammen größer als %1 MiB.</translation>
    </message>
    <message>
        <source>The folder has no bruno.json, so it is not a Bruno collection.</source>
        <translation>Der Ordner hat keine bruno.json und ist daher keine Bruno-Sammlung.</translation>
    </message>
    <message>
        <source>bruno.json is not a JSON object.</source>
        <translation>bruno.json ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The environment &quot;%1&quot; was left out: the import takes the first one only.</source>
        <translation>Die Umgebung „%1“ wurde weggelassen: Der Import übernimmt nur die erste.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the environment &quot;%1&quot;</source>
        <translation>die Umgebung „%1“</translation>
    </message>
    <message>
        <source>The collection</source>
        <translation>Die Sammlung</translation>
    </message>
    <message>
        <source>The folder %1</source>
        <translation>Der Ordner %1</translation>
    </message>
    <message>
        <source>%1 was skipped: it is not an HTTP request (GraphQL and others are not imported).</source>
        <translation>%1 wurde übersprungen: Es ist keine HTTP-Anfrage (GraphQL und andere werden nicht importiert).</translation>
    </message>
    <message>
        <source>%1 was skipped: it has no URL.</source>
        <translation>%1 wurde übersprungen: Es hat keine URL.</translation>
    </message>
    <message>
        <source>The %1 body of %2 was left out: TokenLab sends JSON, form and raw bodies.</source>
        <translation>Der %1-Body von %2 wurde weggelassen: TokenLab sendet JSON-, Formular- und Roh-Bodies.</translation>
    </message>
    <message>
        <source>The request %1</source>
        <translation>Die Anfrage %1</translation>
    </message>
    <message>
        <source>%1 uses Bruno&apos;s %2 auth, which TokenLab does not import; it sends the profile&apos;s token.</source>
        <translation>%1 nutzt Brunos %2-Authentifizierung, die TokenLab nicht importiert; es sendet das Token des Profils.</translation>
    </message>
    <message>
        <source>%1 has no bruno.json, so it is not a Bruno collection folder.</source>
        <translation>%1 hat keine bruno.json und ist daher kein Bruno-Sammlungsordner.</translation>
    </message>
    <message>
        <source>%1 holds more than %2 .bru files, more than a collection TokenLab reads.</source>
        <translation>%1 enthält mehr als %2 .bru-Dateien, mehr als eine Sammlung, die TokenLab liest.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>CallCommand</name>
    <message>
        <source>Call the profile&apos;s API with its token, or a saved request; explains 401 and 403 answers</source>
        <translation>Die API des Profils mit seinem Token oder eine gespeicherte Anfrage aufrufen; erklärt 401- und 403-Antworten</translation>
    </message>
    <message>
        <source>Call the profile&apos;s API with its stored access token. PATH is joined to the profile&apos;s API base URL; a full URL is used as given (the token goes only to the API&apos;s own origin). --saved NAME sends a request saved in the API tab instead (NAME is folder/name, or the name alone when it is unique), with the profile&apos;s variables filled in. Prints the body on stdout and, for a 4xx or 5xx, what went wrong on stderr. Every call goes into the profile&apos;s history, without its token. Exit 0 for 2xx, 1 for an HTTP error status, 2 for a transport or usage error.</source>
        <translation>Ruft die API des Profils mit seinem gespeicherten Access-Token auf. PATH wird an die API-Basis-URL des Profils angehängt; eine vollständige URL wird unverändert verwendet (das Token geht nur an den eigenen Ursprung der API). --saved NAME sendet stattdessen eine auf dem Reiter „API“ gespeicherte Anfrage (NAME ist Ordner/Name, oder nur der Name, wenn er eindeutig ist), mit den Variablen des Profils ausgefüllt. Gibt den Body auf stdout aus und bei 4xx oder 5xx auf stderr, was schiefging. Jeder Aufruf kommt ohne sein Token in den Verlauf des Profils. Exit-Status 0 bei 2xx, 1 bei einem HTTP-Fehlerstatus, 2 bei einem Transport- oder Aufruffehler.</translation>
    </message>
    <message>
        <source>The profile (default: the active one).</source>
        <translation>Das Profil (Standard: das aktive).</translation>
    </message>
    <message>
        <source>The HTTP method (default GET).</source>
        <translation>Die HTTP-Methode (Standard GET).</translation>
    </message>
    <message>
        <source>An extra header, &quot;Name: value&quot;; repeatable.</source>
        <translation>Ein zusätzlicher Header, „Name: value“; wiederholbar.</translation>
    </message>
    <message>
        <source>A request body (JSON is sent as application/json).</source>
        <translation>Ein Anfrage-Body (JSON wird als application/json gesendet).</translation>
    </message>
    <message>
        <source>Send without the access token.</source>
        <translation>Ohne das Access-Token senden.</translation>
    </message>
    <message>
        <source>Send the access token even if it has expired.</source>
        <translation>Das Access-Token auch senden, wenn es abgelaufen ist.</translation>
    </message>
    <message>
        <source>Print the status line and headers before the body.</source>
        <translation>Statuszeile und Header vor dem Body ausgeben.</translation>
    </message>
    <message>
        <source>Seconds to wait for the answer (default 30).</source>
        <translation>Sekunden, die auf die Antwort gewartet wird (Standard 30).</translation>
    </message>
    <message>
        <source>Send the saved request NAME (folder/name) instead of PATH|URL.</source>
        <translation>Die gespeicherte Anfrage NAME (Ordner/Name) statt PATH|URL senden.</translation>
    </message>
    <message>
        <source>e.g. /api/private (not with --saved)</source>
        <translation>z. B. /api/private (nicht mit --saved)</translation>
    </message>
    <message>
        <source>tokenlab-cli call: --saved sends the saved request as it is; give no PATH, --method or --data with it.</source>
        <translation>tokenlab-cli call: --saved sendet die gespeicherte Anfrage so, wie sie ist; geben Sie dazu kein PATH, --method oder --data an.</translation>
    </message>
    <message>
        <source>tokenlab-cli call: give exactly one PATH or URL, or --saved NAME.</source>
        <translation>tokenlab-cli call: Geben Sie genau einen PATH oder eine URL an, oder --saved NAME.</translation>
    </message>
    <message>
        <source>tokenlab-cli call: --timeout must be 1 to 600 seconds.</source>
        <translation>tokenlab-cli call: --timeout muss 1 bis 600 Sekunden betragen.</translation>
    </message>
    <message>
        <source>tokenlab-cli call: --header &quot;%1&quot; is not &quot;Name: value&quot;.</source>
        <translation>tokenlab-cli call: --header „%1“ ist nicht „Name: value“.</translation>
    </message>
    <message>
        <source>tokenlab-cli call: the profile &quot;%1&quot; has no API base URL%2</source>
        <translation>tokenlab-cli call: Das Profil „%1“ hat keine API-Basis-URL%2</translation>
    </message>
    <message>
        <source> here: the sandbox&apos;s API lives only inside tokenlab. Run tokenlab-sandbox and add a profile with its api_base_url, or give a full URL.</source>
        <translation> hier: Die API der Sandbox lebt nur innerhalb von tokenlab. Starten Sie tokenlab-sandbox und legen Sie ein Profil mit dessen api_base_url an, oder geben Sie eine vollständige URL an.</translation>
    </message>
    <message>
        <source>; add one with tokenlab-cli profile add ... --api-base URL, or give a full URL.</source>
        <translation>; fügen Sie eine mit tokenlab-cli profile add ... --api-base URL hinzu, oder geben Sie eine vollständige URL an.</translation>
    </message>
    <message>
        <source>tokenlab-cli call: %1 (profile &quot;%2&quot;)</source>
        <translation>tokenlab-cli call: %1 (Profil „%2“)</translation>
    </message>
    <message>
        <source>the request uses {{token}}, but the profile has no access token; log in first.</source>
        <translation>Die Anfrage verwendet {{token}}, aber das Profil hat kein Access-Token; melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>Note: this call is not in the history: %1</source>
        <translation>Hinweis: Dieser Aufruf steht nicht im Verlauf: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>Note: the body was longer than %1 bytes and was cut there.</source>
        <translation>Hinweis: Der Body war länger als %1 Bytes und wurde dort abgeschnitten.</translation>
    </message>
</context>
<context>
    <name>ChallengeExplainer</name>
    <message>
        <source> Its body is an HTML page%1, perhaps from a proxy or a framework rather than the API&apos;s own code.</source>
        <translation> Sein Body ist eine HTML-Seite%1, vielleicht von einem Proxy oder Framework statt vom eigenen Code der API.</translation>
    </message>
    <message>
        <source> The API says: &quot;%1&quot;.</source>
        <translation> Die API sagt: „%1“.</translation>
    </message>
    <message>
        <source>No token was sent, and this endpoint needs one (401). Log in, and send with the token.</source>
        <translation>Es wurde kein Token gesendet, und dieser Endpunkt braucht eines (401). Melden Sie sich an und senden Sie mit dem Token.</translation>
    </message>
    <message>
        <source>the token expired at %1, %2 ago (its exp claim)</source>
        <translation>Das Token ist am %1 abgelaufen, vor %2 (sein exp-Claim)</translation>
    </message>
    <message>
        <source>has not expired (it expires in %1)</source>
        <translation>ist nicht abgelaufen (es läuft in %1 ab)</translation>
    </message>
    <message>
        <source>it was issued by &quot;%1&quot;, not by the profile&apos;s issuer &quot;%2&quot; (its iss claim)</source>
        <translation>Es wurde von „%1“ ausgestellt, nicht vom Issuer des Profils „%2“ (sein iss-Claim)</translation>
    </message>
    <message>
        <source>comes from the profile&apos;s issuer</source>
        <translation>stammt vom Issuer des Profils</translation>
    </message>
    <message>
        <source>it names no audience, and the profile&apos;s audience is &quot;%1&quot; (its aud claim)</source>
        <translation>Es nennt keine Audience, und die Audience des Profils ist „%1“ (sein aud-Claim)</translation>
    </message>
    <message>
        <source>it is meant for %1, not for the profile&apos;s audience &quot;%2&quot; (its aud claim)</source>
        <translation>Es ist für %1 bestimmt, nicht für die Audience des Profils „%2“ (sein aud-Claim)</translation>
    </message>
    <message>
        <source>is meant for the profile&apos;s audience</source>
        <translation>ist für die Audience des Profils bestimmt</translation>
    </message>
    <message>
        <source>no scopes</source>
        <translation>keine Scopes</translation>
    </message>
    <message>
        <source>the token carries %1, and the profile&apos;s probe plan says this endpoint needs %2: it lacks %3</source>
        <translation>Das Token trägt %1, und der Probe-Plan des Profils sagt, dieser Endpunkt braucht %2: Es fehlt %3</translation>
    </message>
    <message>
        <source>carries every scope the probe plan names for this endpoint (%1)</source>
        <translation>trägt jeden Scope, den der Probe-Plan für diesen Endpunkt nennt (%1)</translation>
    </message>
    <message>
        <source>the token </source>
        <translation>Das Token </translation>
    </message>
    <message>
        <source>The API answered as if no token had been sent (401 without an error). It may expect another scheme or header, or not read the Authorization header at all.</source>
        <translation>Die API antwortete, als wäre kein Token gesendet worden (401 ohne Fehler). Sie erwartet vielleicht ein anderes Schema oder einen anderen Header, oder liest den Authorization-Header gar nicht.</translation>
    </message>
    <message>
        <source>The API forbids this request (403) without naming a missing scope; the user or client may lack a permission.</source>
        <translation>Die API verbietet diese Anfrage (403), ohne einen fehlenden Scope zu nennen; dem Benutzer oder Client fehlt vielleicht eine Berechtigung.</translation>
    </message>
    <message>
        <source>that is why it was refused. Log in again asking for %1, and consent to it (the user must also be allowed to have it).</source>
        <translation>deshalb wurde es abgelehnt. Melden Sie sich erneut an, fordern Sie dabei %1 an und stimmen Sie zu (der Benutzer muss ihn auch haben dürfen).</translation>
    </message>
    <message>
        <source>the API refused the token because it has expired. Log in again, or refresh, for a fresh token.</source>
        <translation>Die API hat das Token abgelehnt, weil es abgelaufen ist. Melden Sie sich erneut an oder erneuern Sie es, um ein frisches Token zu erhalten.</translation>
    </message>
    <message>
        <source>the API does not trust this issuer. Use a token from the issuer the API trusts, or check the API&apos;s issuer setting.</source>
        <translation>Die API vertraut diesem Issuer nicht. Verwenden Sie ein Token vom Issuer, dem die API vertraut, oder prüfen Sie die Issuer-Einstellung der API.</translation>
    </message>
    <message>
        <source>the API wants tokens for %1. Log in again asking for that audience (the profile&apos;s audience setting).</source>
        <translation>Die API will Tokens für %1. Melden Sie sich erneut an und fordern Sie diese Audience an (die Audience-Einstellung des Profils).</translation>
    </message>
    <message>
        <source>the API says the token expired, but by this computer&apos;s clock it has not: one of the two clocks is wrong.</source>
        <translation>Die API sagt, das Token sei abgelaufen, nach der Uhr dieses Computers ist es das aber nicht: Eine der beiden Uhren geht falsch.</translation>
    </message>
    <message>
        <source>from the API&apos;s words, the token has expired. Log in again for a fresh token.</source>
        <translation>Nach den Worten der API ist das Token abgelaufen. Melden Sie sich erneut an, um ein frisches Token zu erhalten.</translation>
    </message>
    <message>
        <source>from the API&apos;s words, the token lacks a scope, but the probe plan names none for this endpoint. Add the endpoint&apos;s scopes to the profile&apos;s probe plan, or log in again asking for the scope the API&apos;s documentation names.</source>
        <translation>Nach den Worten der API fehlt dem Token ein Scope, aber der Probe-Plan nennt für diesen Endpunkt keinen. Fügen Sie die Scopes des Endpunkts dem Probe-Plan des Profils hinzu, oder melden Sie sich erneut an und fordern Sie den Scope an, den die Dokumentation der API nennt.</translation>
    </message>
    <message>
        <source>the API may not trust the key that signed the token, expect another scheme or header, or check a claim TokenLab does not know.</source>
        <translation>Die API vertraut vielleicht dem Schlüssel nicht, der das Token signiert hat, erwartet ein anderes Schema oder einen anderen Header, oder prüft einen Claim, den TokenLab nicht kennt.</translation>
    </message>
    <message>
        <source>TokenLab cannot read this token&apos;s claims (it is not a JWT), so it cannot check its expiry, audience or issuer; the API may also expect another scheme or header.</source>
        <translation>TokenLab kann die Claims dieses Tokens nicht lesen (es ist kein JWT) und daher weder Ablauf noch Audience noch Issuer prüfen; die API erwartet vielleicht auch ein anderes Schema oder einen anderen Header.</translation>
    </message>
    <message>
        <source>the user or client may lack a permission the API checks besides scopes.</source>
        <translation>Dem Benutzer oder Client fehlt vielleicht eine Berechtigung, die die API neben den Scopes prüft.</translation>
    </message>
    <message>
        <source>The API answered as if no token had been sent (401 without an error).</source>
        <translation>Die API antwortete, als wäre kein Token gesendet worden (401 ohne Fehler).</translation>
    </message>
    <message>
        <source>The API refused the request (401) without an error in a Bearer challenge.</source>
        <translation>Die API hat die Anfrage abgelehnt (401), ohne Fehler in einer Bearer-Challenge.</translation>
    </message>
    <message>
        <source>The API forbids this request (403) without naming a missing scope.</source>
        <translation>Die API verbietet diese Anfrage (403), ohne einen fehlenden Scope zu nennen.</translation>
    </message>
    <message>
        <source>The API forbids this request (403).</source>
        <translation>Die API verbietet diese Anfrage (403).</translation>
    </message>
    <message>
        <source> (the API says: &quot;%1&quot;)</source>
        <translation> (die API sagt: „%1“)</translation>
    </message>
    <message>
        <source>The API wants its nonce in the DPoP proof (use_dpop_nonce)%1, and a retry with it was refused too.</source>
        <translation>Die API will ihre Nonce im DPoP-Proof (use_dpop_nonce)%1, und auch ein erneuter Versuch damit wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The API refused the DPoP proof (invalid_dpop_proof)%1. A proof must be signed by the key the token is bound to, name this method and URL, be fresh (iat) and unused (jti), and carry the token&apos;s hash (ath).</source>
        <translation>Die API hat den DPoP-Proof abgelehnt (invalid_dpop_proof)%1. Ein Proof muss mit dem Schlüssel signiert sein, an den das Token gebunden ist, diese Methode und URL nennen, frisch (iat) und unbenutzt (jti) sein und den Hash des Tokens tragen (ath).</translation>
    </message>
    <message>
        <source>The token is DPoP-bound (cnf.jkt) but went as Bearer, so the API refused it (%1)%2. Send it as &quot;Authorization: DPoP &lt;token&gt;&quot; with a proof from the profile&apos;s key, as TokenLab&apos;s own calls do.</source>
        <translation>Das Token ist DPoP-gebunden (cnf.jkt), ging aber als Bearer hinaus, daher hat die API es abgelehnt (%1)%2. Senden Sie es als „Authorization: DPoP &lt;token&gt;“ mit einem Proof vom Schlüssel des Profils, wie es TokenLabs eigene Aufrufe tun.</translation>
    </message>
    <message>
        <source>The API takes DPoP-bound tokens only and refused the Bearer token (%1)%2. Turn DPoP on for the profile and log in again, so the issuer binds the token to a proof key.</source>
        <translation>Die API nimmt nur DPoP-gebundene Tokens und hat das Bearer-Token abgelehnt (%1)%2. Schalten Sie DPoP für das Profil ein und melden Sie sich erneut an, damit der Issuer das Token an einen Proof-Schlüssel bindet.</translation>
    </message>
    <message>
        <source>The API refused the request with a DPoP error (HTTP %1, %2)%3.</source>
        <translation>Die API hat die Anfrage mit einem DPoP-Fehler abgelehnt (HTTP %1, %2)%3.</translation>
    </message>
    <message>
        <source>The token is DPoP-bound (cnf.jkt) but went as Bearer, and the API takes DPoP only (HTTP %1, a DPoP challenge and no Bearer one). Send it as &quot;Authorization: DPoP &lt;token&gt;&quot; with a proof from the profile&apos;s key, as TokenLab&apos;s own calls do.</source>
        <translation>Das Token ist DPoP-gebunden (cnf.jkt), ging aber als Bearer hinaus, und die API nimmt nur DPoP (HTTP %1, eine DPoP-Challenge und keine Bearer-Challenge). Senden Sie es als „Authorization: DPoP &lt;token&gt;“ mit einem Proof vom Schlüssel des Profils, wie es TokenLabs eigene Aufrufe tun.</translation>
    </message>
    <message>
        <source>The API takes DPoP only (HTTP %1, a DPoP challenge and no Bearer one) and refused the Bearer token. Turn DPoP on for the profile and log in again, so the issuer binds the token to a proof key.</source>
        <translation>Die API nimmt nur DPoP (HTTP %1, eine DPoP-Challenge und keine Bearer-Challenge) und hat das Bearer-Token abgelehnt. Schalten Sie DPoP für das Profil ein und melden Sie sich erneut an, damit der Issuer das Token an einen Proof-Schlüssel bindet.</translation>
    </message>
    <message>
        <source>The API says the token has expired%1. Log in again for a fresh token.</source>
        <translation>Die API sagt, das Token sei abgelaufen%1. Melden Sie sich erneut an, um ein frisches Token zu erhalten.</translation>
    </message>
    <message>
        <source>The API refused the token as invalid%1. Check that it was issued for this API&apos;s audience by the issuer the API trusts, and that it was not altered.</source>
        <translation>Die API hat das Token als ungültig abgelehnt%1. Prüfen Sie, ob es vom Issuer, dem die API vertraut, für die Audience dieser API ausgestellt und nicht verändert wurde.</translation>
    </message>
    <message>
        <source>The API refused the credentials (401, %1)%2.</source>
        <translation>Die API hat die Anmeldedaten abgelehnt (401, %1)%2.</translation>
    </message>
    <message>
        <source>The token lacks the scope %1 that this endpoint needs (403 insufficient_scope); it carries %2. Log in again asking for %1, and consent to it (the user must also be allowed to have it).</source>
        <translation>Dem Token fehlt der Scope %1, den dieser Endpunkt braucht (403 insufficient_scope); es trägt %2. Melden Sie sich erneut an, fordern Sie dabei %1 an und stimmen Sie zu (der Benutzer muss ihn auch haben dürfen).</translation>
    </message>
    <message>
        <source>the API names</source>
        <translation>den die API nennt</translation>
    </message>
    <message>
        <source>The API forbids this request (403)%1 without naming a missing scope; the user or client may lack a permission.</source>
        <translation>Die API verbietet diese Anfrage (403)%1, ohne einen fehlenden Scope zu nennen; dem Benutzer oder Client fehlt vielleicht eine Berechtigung.</translation>
    </message>
    <message>
        <source>The API refused the request as malformed (invalid_request)%1. Send the token once, as &quot;Authorization: Bearer &lt;token&gt;&quot;.</source>
        <translation>Die API hat die Anfrage als fehlerhaft abgelehnt (invalid_request)%1. Senden Sie das Token genau einmal, als „Authorization: Bearer &lt;token&gt;“.</translation>
    </message>
    <message>
        <source>The API refused the request as malformed (400)%1.</source>
        <translation>Die API hat die Anfrage als fehlerhaft abgelehnt (400)%1.</translation>
    </message>
    <message>
        <source>Nothing is at %1 (404). Check the profile&apos;s API base URL and the path.</source>
        <translation>Unter %1 ist nichts (404). Prüfen Sie die API-Basis-URL des Profils und den Pfad.</translation>
    </message>
    <message>
        <source>The endpoint does not accept %1 (405); it allows %2.</source>
        <translation>Der Endpunkt akzeptiert %1 nicht (405); er erlaubt %2.</translation>
    </message>
    <message>
        <source>The API failed (HTTP %1): the problem is on the server&apos;s side; its body may say more.</source>
        <translation>Die API ist gescheitert (HTTP %1): Das Problem liegt auf der Seite des Servers; sein Body sagt vielleicht mehr.</translation>
    </message>
    <message>
        <source>The API answered with a redirect (HTTP %1) that TokenLab did not follow.</source>
        <translation>Die API antwortete mit einer Weiterleitung (HTTP %1), der TokenLab nicht gefolgt ist.</translation>
    </message>
    <message>
        <source>The API answered HTTP %1%2.</source>
        <translation>Die API antwortete mit HTTP %1%2.</translation>
    </message>
    <message>
        <source> titled &quot;%1&quot;</source>
        <translation> mit dem Titel „%1“</translation>
    </message>
    <message>
        <source> Known: %1.</source>
        <translation> Bekannt: %1.</translation>
    </message>
    <message>
        <source> Inferred: %1</source>
        <translation> Gefolgert: %1</translation>
    </message>
</context>
<context>
    <name>ClaimInfo</name>
    <message>
        <source>Who issued the token: the authorization server&apos;s issuer URL (RFC 7519 4.1.1).</source>
        <translation>Wer das Token ausgestellt hat: die Issuer-URL des Autorisierungsservers (RFC 7519 4.1.1).</translation>
    </message>
    <message>
        <source>Whom the token is about: the user, or the client for machine-to-machine tokens (RFC 7519 4.1.2).</source>
        <translation>Um wen es im Token geht: den Benutzer, oder den Client bei Machine-to-Machine-Tokens (RFC 7519 4.1.2).</translation>
    </message>
    <message>
        <source>Who the token is for: the API identifier for access tokens, the client_id for id_tokens (RFC 7519 4.1.3).</source>
        <translation>Für wen das Token bestimmt ist: die API-Kennung bei Access-Tokens, die client_id bei ID-Tokens (RFC 7519 4.1.3).</translation>
    </message>
    <message>
        <source>After this time the token must be refused (RFC 7519 4.1.4).</source>
        <translation>Nach diesem Zeitpunkt muss das Token abgelehnt werden (RFC 7519 4.1.4).</translation>
    </message>
    <message>
        <source>Before this time the token must be refused (RFC 7519 4.1.5).</source>
        <translation>Vor diesem Zeitpunkt muss das Token abgelehnt werden (RFC 7519 4.1.5).</translation>
    </message>
    <message>
        <source>When the token was issued (RFC 7519 4.1.6).</source>
        <translation>Wann das Token ausgestellt wurde (RFC 7519 4.1.6).</translation>
    </message>
    <message>
        <source>A unique identifier of this token, for replay detection (RFC 7519 4.1.7).</source>
        <translation>Eine eindeutige Kennung dieses Tokens, zur Erkennung von Wiederholungen (RFC 7519 4.1.7).</translation>
    </message>
    <message>
        <source>The client the token was issued to (OpenID Connect Core 2).</source>
        <translation>Der Client, für den das Token ausgestellt wurde (OpenID Connect Core 2).</translation>
    </message>
    <message>
        <source>The login&apos;s nonce, echoed in the id_token against replay (OpenID Connect Core 2).</source>
        <translation>Die Nonce der Anmeldung, im ID-Token gegen Wiederholung zurückgegeben (OpenID Connect Core 2).</translation>
    </message>
    <message>
        <source>When the user last signed in (OpenID Connect Core 2).</source>
        <translation>Wann sich der Benutzer zuletzt angemeldet hat (OpenID Connect Core 2).</translation>
    </message>
    <message>
        <source>Binds the id_token to the access token issued with it (OpenID Connect Core 3.1.3.6).</source>
        <translation>Bindet das ID-Token an das mit ihm ausgestellte Access-Token (OpenID Connect Core 3.1.3.6).</translation>
    </message>
    <message>
        <source>Binds the id_token to the authorization code (OpenID Connect Core 3.3.2.11).</source>
        <translation>Bindet das ID-Token an den Autorisierungscode (OpenID Connect Core 3.3.2.11).</translation>
    </message>
    <message>
        <source>How strongly the user was authenticated (OpenID Connect Core 2).</source>
        <translation>Wie stark der Benutzer authentifiziert wurde (OpenID Connect Core 2).</translation>
    </message>
    <message>
        <source>How the user signed in: pwd, otp, mfa... (RFC 8176).</source>
        <translation>Wie sich der Benutzer angemeldet hat: pwd, otp, mfa... (RFC 8176).</translation>
    </message>
    <message>
        <source>The user&apos;s session at the issuer, for logout (OpenID Connect Front-Channel Logout).</source>
        <translation>Die Sitzung des Benutzers beim Issuer, für die Abmeldung (OpenID Connect Front-Channel Logout).</translation>
    </message>
    <message>
        <source>What the token allows, space-separated (RFC 9068 2.2.3, RFC 8693 4.2).</source>
        <translation>Was das Token erlaubt, durch Leerzeichen getrennt (RFC 9068 2.2.3, RFC 8693 4.2).</translation>
    </message>
    <message>
        <source>The client the token was issued to (RFC 9068 2.2).</source>
        <translation>Der Client, für den das Token ausgestellt wurde (RFC 9068 2.2).</translation>
    </message>
    <message>
        <source>Auth0 RBAC: the API permissions of the user, as a list.</source>
        <translation>Auth0 RBAC: die API-Berechtigungen des Benutzers, als Liste.</translation>
    </message>
    <message>
        <source>Auth0: the grant that produced the token, e.g. client-credentials.</source>
        <translation>Auth0: der Grant, der das Token erzeugt hat, z. B. client-credentials.</translation>
    </message>
    <message>
        <source>The key the token is bound to, for DPoP or mTLS (RFC 7800).</source>
        <translation>Der Schlüssel, an den das Token gebunden ist, für DPoP oder mTLS (RFC 7800).</translation>
    </message>
    <message>
        <source>Who acts on the subject&apos;s behalf, after token exchange (RFC 8693 4.1).</source>
        <translation>Wer nach einem Token-Austausch im Namen des Subjekts handelt (RFC 8693 4.1).</translation>
    </message>
    <message>
        <source>The user&apos;s full name (OpenID Connect Core 5.1).</source>
        <translation>Der vollständige Name des Benutzers (OpenID Connect Core 5.1).</translation>
    </message>
    <message>
        <source>The user&apos;s casual name (OpenID Connect Core 5.1).</source>
        <translation>Der Rufname des Benutzers (OpenID Connect Core 5.1).</translation>
    </message>
    <message>
        <source>The user&apos;s email address (OpenID Connect Core 5.1).</source>
        <translation>Die E-Mail-Adresse des Benutzers (OpenID Connect Core 5.1).</translation>
    </message>
    <message>
        <source>Whether the issuer verified the email address (OpenID Connect Core 5.1).</source>
        <translation>Ob der Issuer die E-Mail-Adresse bestätigt hat (OpenID Connect Core 5.1).</translation>
    </message>
    <message>
        <source>A URL of the user&apos;s picture (OpenID Connect Core 5.1).</source>
        <translation>Eine URL des Bildes des Benutzers (OpenID Connect Core 5.1).</translation>
    </message>
    <message>
        <source>When the user&apos;s profile last changed (OpenID Connect Core 5.1).</source>
        <translation>Wann sich das Profil des Benutzers zuletzt geändert hat (OpenID Connect Core 5.1).</translation>
    </message>
    <message>
        <source>How the token is signed, e.g. RS256 (RFC 7515 4.1.1). &quot;none&quot; is never accepted.</source>
        <translation>Wie das Token signiert ist, z. B. RS256 (RFC 7515 4.1.1). „none“ wird nie akzeptiert.</translation>
    </message>
    <message>
        <source>What the token is: JWT, or at+jwt for an RFC 9068 access token (RFC 7515 4.1.9).</source>
        <translation>Was das Token ist: JWT, oder at+jwt für ein Access-Token nach RFC 9068 (RFC 7515 4.1.9).</translation>
    </message>
    <message>
        <source>Which key of the issuer&apos;s JWKS signed it (RFC 7515 4.1.4).</source>
        <translation>Welcher Schlüssel aus dem JWKS des Issuers es signiert hat (RFC 7515 4.1.4).</translation>
    </message>
    <message>
        <source>The type of the payload, for nested tokens (RFC 7515 4.1.10).</source>
        <translation>Der Typ des Inhalts, bei verschachtelten Tokens (RFC 7515 4.1.10).</translation>
    </message>
    <message>
        <source>A URL of keys; TokenLab never fetches keys from a token&apos;s own header (RFC 8725 3.10).</source>
        <translation>Eine URL mit Schlüsseln; TokenLab holt nie Schlüssel aus dem eigenen Header eines Tokens (RFC 8725 3.10).</translation>
    </message>
    <message>
        <source>A URL of a certificate chain; never followed (RFC 8725 3.10).</source>
        <translation>Eine URL einer Zertifikatskette; ihr wird nie gefolgt (RFC 8725 3.10).</translation>
    </message>
    <message>
        <source>Certificates embedded in the header; not trusted on their own (RFC 7515 4.1.6).</source>
        <translation>Im Header eingebettete Zertifikate; ihnen wird allein nicht vertraut (RFC 7515 4.1.6).</translation>
    </message>
    <message>
        <source>Header parameters the recipient must understand (RFC 7515 4.1.11).</source>
        <translation>Header-Parameter, die der Empfänger verstehen muss (RFC 7515 4.1.11).</translation>
    </message>
    <message>
        <source>The content encryption of a JWE (RFC 7516 4.1.2).</source>
        <translation>Die Inhaltsverschlüsselung eines JWE (RFC 7516 4.1.2).</translation>
    </message>
    <message>
        <source>Compression of a JWE&apos;s payload (RFC 7516 4.1.3).</source>
        <translation>Kompression des Inhalts eines JWE (RFC 7516 4.1.3).</translation>
    </message>
    <message>
        <source>issuer</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <source>audience</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>expires</source>
        <translation>läuft ab</translation>
    </message>
    <message>
        <source>not before</source>
        <translation>nicht vor</translation>
    </message>
    <message>
        <source>issued at</source>
        <translation>ausgestellt am</translation>
    </message>
    <message>
        <source>token id</source>
        <translation>Token-ID</translation>
    </message>
    <message>
        <source>authorized party</source>
        <translation>autorisierte Partei</translation>
    </message>
    <message>
        <source>nonce</source>
        <translation>Nonce</translation>
    </message>
    <message>
        <source>authenticated at</source>
        <translation>authentifiziert am</translation>
    </message>
    <message>
        <source>access token hash</source>
        <translation>Access-Token-Hash</translation>
    </message>
    <message>
        <source>code hash</source>
        <translation>Code-Hash</translation>
    </message>
    <message>
        <source>authentication class</source>
        <translation>Authentifizierungsklasse</translation>
    </message>
    <message>
        <source>authentication methods</source>
        <translation>Authentifizierungsmethoden</translation>
    </message>
    <message>
        <source>session id</source>
        <translation>Sitzungs-ID</translation>
    </message>
    <message>
        <source>scopes</source>
        <translation>Scopes</translation>
    </message>
    <message>
        <source>client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <source>grant type</source>
        <translation>Grant-Typ</translation>
    </message>
    <message>
        <source>confirmation</source>
        <translation>Bestätigung</translation>
    </message>
    <message>
        <source>actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>nickname</source>
        <translation>Rufname</translation>
    </message>
    <message>
        <source>email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>email verified</source>
        <translation>E-Mail bestätigt</translation>
    </message>
    <message>
        <source>picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>updated at</source>
        <translation>aktualisiert am</translation>
    </message>
    <message>
        <source>algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>key id</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <source>content type</source>
        <translation>Inhaltstyp</translation>
    </message>
    <message>
        <source>JWK set URL</source>
        <translation>JWK-Set-URL</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>compression</source>
        <translation>Kompression</translation>
    </message>
</context>
<context>
    <name>CliApp</name>
    <message>
        <source>tokenlab-cli: interrupted.</source>
        <translation>tokenlab-cli: abgebrochen.</translation>
    </message>
</context>
<context>
    <name>ClientRegistration</name>
    <message>
        <source>The registration answer is larger than %1 bytes; it is not read.</source>
        <translation>Die Registrierungsantwort ist größer als %1 Bytes; sie wird nicht gelesen.</translation>
    </message>
    <message>
        <source>The registration endpoint answered HTTP %1 without an OAuth error.</source>
        <translation>Der Registrierungs-Endpunkt antwortete mit HTTP %1 ohne OAuth-Fehler.</translation>
    </message>
    <message>
        <source>The registration endpoint refused TokenLab (HTTP %1, %2).</source>
        <translation>Der Registrierungs-Endpunkt hat TokenLab abgelehnt (HTTP %1, %2).</translation>
    </message>
    <message>
        <source>The registration endpoint refused TokenLab (HTTP %1, %2): %3</source>
        <translation>Der Registrierungs-Endpunkt hat TokenLab abgelehnt (HTTP %1, %2): %3</translation>
    </message>
    <message>
        <source>The registration answer is not valid JSON (%1).</source>
        <translation>Die Registrierungsantwort ist kein gültiges JSON (%1).</translation>
    </message>
    <message>
        <source>The registration answer is not a JSON object.</source>
        <translation>Die Registrierungsantwort ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The registration answer has no &quot;client_id&quot; string.</source>
        <translation>Die Registrierungsantwort hat keinen String „client_id“.</translation>
    </message>
    <message>
        <source>The registration answer holds a client_secret although TokenLab registered a public client; it is not used.</source>
        <translation>Die Registrierungsantwort enthält ein client_secret, obwohl TokenLab einen öffentlichen Client registriert hat; es wird nicht verwendet.</translation>
    </message>
    <message>
        <source>The authorization server registered TokenLab with token_endpoint_auth_method &quot;%1&quot;, not &quot;none&quot;; a public client cannot use it.</source>
        <translation>Der Autorisierungsserver hat TokenLab mit token_endpoint_auth_method „%1“ registriert, nicht „none“; ein öffentlicher Client kann das nicht verwenden.</translation>
    </message>
    <message>
        <source>The registration answer&apos;s &quot;registration_access_token&quot; is not a string.</source>
        <translation>„registration_access_token“ in der Registrierungsantwort ist kein String.</translation>
    </message>
    <message>
        <source>The registration answer&apos;s &quot;registration_client_uri&quot; is not an https URL (or http on a loopback address).</source>
        <translation>„registration_client_uri“ in der Registrierungsantwort ist keine https-URL (oder http auf einer Loopback-Adresse).</translation>
    </message>
</context>
<context>
    <name>Command</name>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>tokenlab-cli: interrupted.</source>
        <translation>tokenlab-cli: abgebrochen.</translation>
    </message>
</context>
<context>
    <name>CommandContext</name>
    <message>
        <source>tokenlab-cli %1: there is no profile named &quot;%2&quot;; see tokenlab-cli profile list.</source>
        <translation>tokenlab-cli %1: Es gibt kein Profil namens „%2“; siehe tokenlab-cli profile list.</translation>
    </message>
    <message>
        <source>Another TokenLab process had just renewed the tokens; using those.</source>
        <translation>Ein anderer TokenLab-Prozess hatte die Tokens gerade erneuert; diese werden verwendet.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>tokenlab-cli: %1, but its tokens could not be deleted from the keychain: %2</source>
        <translation>tokenlab-cli: %1, aber seine Tokens konnten nicht aus dem Schlüsselbund gelöscht werden: %2</translation>
    </message>
    <message>
        <source>%1 and deleted its tokens from %2.</source>
        <translation>%1 und seine Tokens gelöscht (%2).</translation>
    </message>
    <message>
        <source>%1 If it does not open, visit:
  %2</source>
        <translation>%1 Falls er sich nicht öffnet, besuchen Sie:
  %2</translation>
    </message>
    <message>
        <source>tokenlab-cli: %1 Open the URL above by hand.</source>
        <translation>tokenlab-cli: %1 Öffnen Sie die URL oben von Hand.</translation>
    </message>
</context>
<context>
    <name>CommandRegistry</name>
    <message>
        <source>TokenLab&apos;s headless front end: the same core as the desktop app, for scripts and CI.</source>
        <translation>Die Kommandozeile von TokenLab: derselbe Kern wie die Desktop-App, für Skripte und CI.</translation>
    </message>
    <message>
        <source>Show this help</source>
        <translation>Diese Hilfe anzeigen</translation>
    </message>
    <message>
        <source>Show the version</source>
        <translation>Die Version anzeigen</translation>
    </message>
    <message>
        <source>%1 on success, %2 when the operation failed, %3 on a usage error, %4 when interrupted.</source>
        <translation>%1 bei Erfolg, %2 wenn der Vorgang scheiterte, %3 bei einem Aufruffehler, %4 bei Abbruch.</translation>
    </message>
    <message>
        <source>Usage: tokenlab-cli COMMAND [options]

</source>
        <translation>Aufruf: tokenlab-cli COMMAND [Optionen]

</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>
Run tokenlab-cli COMMAND --help for a command&apos;s options.

Options:
</source>
        <translation>
Mit tokenlab-cli COMMAND --help erhalten Sie die Optionen eines Befehls.

Optionen:
</translation>
    </message>
    <message>
        <source>
Exit status: </source>
        <translation>
Exit-Status: </translation>
    </message>
    <message>
        <source>Usage: tokenlab-cli %1 %2 ...
Run tokenlab-cli %1 SUBCOMMAND --help for its options.
</source>
        <translation>Aufruf: tokenlab-cli %1 %2 ...
Mit tokenlab-cli %1 SUBCOMMAND --help erhalten Sie seine Optionen.
</translation>
    </message>
    <message>
        <source>Usage: tokenlab-cli %1 SUBCOMMAND [options]

Subcommands:
</source>
        <translation>Aufruf: tokenlab-cli %1 SUBCOMMAND [Optionen]

Unterbefehle:
</translation>
    </message>
    <message>
        <source>
Run tokenlab-cli %1 SUBCOMMAND --help for its options.
</source>
        <translation>
Mit tokenlab-cli %1 SUBCOMMAND --help erhalten Sie seine Optionen.
</translation>
    </message>
    <message>
        <source>tokenlab-cli: unknown command &quot;%1&quot;; the closest command is &quot;%2&quot;.

%3</source>
        <translation>tokenlab-cli: Unbekannter Befehl „%1“; der ähnlichste Befehl ist „%2“.

%3</translation>
    </message>
    <message>
        <source>tokenlab-cli %1: unknown subcommand &quot;%2&quot;.
%3</source>
        <translation>tokenlab-cli %1: Unbekannter Unterbefehl „%2“.
%3</translation>
    </message>
</context>
<context>
    <name>DecodeCommand</name>
    <message>
        <source>an access token</source>
        <translation>ein Access-Token</translation>
    </message>
    <message>
        <source>an id_token</source>
        <translation>ein ID-Token</translation>
    </message>
    <message>
        <source>a token</source>
        <translation>ein Token</translation>
    </message>
    <message>
        <source>Decode a JWT and show its claims; --verify checks signature and claims</source>
        <translation>Ein JWT dekodieren und seine Claims zeigen; --verify prüft Signatur und Claims</translation>
    </message>
    <message>
        <source>Decode a JWT and show its header, claims and checks. TOKEN may be &quot;-&quot; for stdin, and may be given as copied from a request (&quot;Authorization: Bearer ...&quot;, &quot;DPoP ...&quot;, in quotes, broken across lines): what is stripped is said on stderr. Without TOKEN the profile&apos;s stored access token is used. --verify checks the signature against the issuer&apos;s JWKS (or --jwks URL, or --key FILE.pem) and every claim. A token whose signature part was altered is still shown, and fails its signature check. Exit 0 when every check asked for passes, 1 when one fails (an altered signature always does), 2 for malformed input or usage.</source>
        <translation>Dekodiert ein JWT und zeigt seinen Header, seine Claims und Prüfungen. TOKEN darf „-“ für stdin sein und so angegeben werden, wie es aus einer Anfrage kopiert wurde („Authorization: Bearer ...“, „DPoP ...“, in Anführungszeichen, über Zeilen umbrochen): Was entfernt wird, steht auf stderr. Ohne TOKEN wird das gespeicherte Access-Token des Profils verwendet. --verify prüft die Signatur gegen das JWKS des Issuers (oder --jwks URL, oder --key FILE.pem) und jeden Claim. Ein Token, dessen Signaturteil verändert wurde, wird trotzdem gezeigt und fällt bei seiner Signaturprüfung durch. Exit-Status 0, wenn jede verlangte Prüfung besteht, 1, wenn eine scheitert (eine veränderte Signatur immer), 2 bei fehlerhafter Eingabe oder falschem Aufruf.</translation>
    </message>
    <message>
        <source>Check against this profile&apos;s issuer, audience and client (default: the active one).</source>
        <translation>Gegen Issuer, Audience und Client dieses Profils prüfen (Standard: das aktive).</translation>
    </message>
    <message>
        <source>Without TOKEN: which stored token (access_token, id_token).</source>
        <translation>Ohne TOKEN: welches gespeicherte Token (access_token, id_token).</translation>
    </message>
    <message>
        <source>Verify the signature and check the claims.</source>
        <translation>Die Signatur verifizieren und die Claims prüfen.</translation>
    </message>
    <message>
        <source>Verify against this JWKS URL.</source>
        <translation>Gegen diese JWKS-URL verifizieren.</translation>
    </message>
    <message>
        <source>Verify against this PEM public key or certificate.</source>
        <translation>Gegen diesen öffentlichen PEM-Schlüssel oder dieses Zertifikat verifizieren.</translation>
    </message>
    <message>
        <source>The expected issuer (also where the keys come from).</source>
        <translation>Der erwartete Issuer (auch die Herkunft der Schlüssel).</translation>
    </message>
    <message>
        <source>The expected audience.</source>
        <translation>Die erwartete Audience.</translation>
    </message>
    <message>
        <source>Clock skew allowed for exp, nbf and iat, in seconds (default 60).</source>
        <translation>Erlaubte Uhrabweichung für exp, nbf und iat, in Sekunden (Standard 60).</translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation>Das Ergebnis als JSON ausgeben.</translation>
    </message>
    <message>
        <source>The token, or - to read it from stdin.</source>
        <translation>Das Token, oder -, um es von stdin zu lesen.</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: give at most one TOKEN.</source>
        <translation>tokenlab-cli decode: Geben Sie höchstens ein TOKEN an.</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: give --jwks URL or --key FILE.pem, not both.</source>
        <translation>tokenlab-cli decode: Geben Sie --jwks URL oder --key FILE.pem an, nicht beides.</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: --leeway must be 0 to 3600 seconds.</source>
        <translation>tokenlab-cli decode: --leeway muss 0 bis 3600 Sekunden betragen.</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: there is no profile named &quot;%1&quot;.</source>
        <translation>tokenlab-cli decode: Es gibt kein Profil namens „%1“.</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: the sandbox profile&apos;s tenant lives only inside tokenlab or one tokenlab-cli login; verify its tokens with --jwks URL of a running tokenlab-sandbox, or use a profile that points at one.</source>
        <translation>tokenlab-cli decode: Der Tenant des Sandbox-Profils lebt nur innerhalb von tokenlab oder einem tokenlab-cli login; verifizieren Sie seine Tokens mit --jwks URL eines laufenden tokenlab-sandbox, oder verwenden Sie ein Profil, das auf einen zeigt.</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: cannot read %1: %2</source>
        <translation>tokenlab-cli decode: %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: an encrypted token cannot be verified here; only its issuer can read it.</source>
        <translation>tokenlab-cli decode: Ein verschlüsseltes Token kann hier nicht verifiziert werden; nur sein Issuer kann es lesen.</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: an opaque token cannot be verified here; only its issuer can read it.</source>
        <translation>tokenlab-cli decode: Ein opakes Token kann hier nicht verifiziert werden; nur sein Issuer kann es lesen.</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: cannot read stdin.</source>
        <translation>tokenlab-cli decode: stdin kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: --field must be access_token or id_token.</source>
        <translation>tokenlab-cli decode: --field muss access_token oder id_token sein.</translation>
    </message>
    <message>
        <source>no tokens are stored for &quot;%1&quot;; give a TOKEN or log in first.</source>
        <translation>Für „%1“ sind keine Tokens gespeichert; geben Sie ein TOKEN an oder melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: the profile has no stored %1.</source>
        <translation>tokenlab-cli decode: Das Profil hat kein gespeichertes %1.</translation>
    </message>
    <message>
        <source>An opaque token (not a JWT), %1 characters: only its issuer can say what it means.</source>
        <translation>Ein opakes Token (kein JWT), %1 Zeichen: Nur sein Issuer kann sagen, was es bedeutet.</translation>
    </message>
    <message>
        <source>An encrypted token (JWE): its claims are readable only by the API it is meant for.
Header</source>
        <translation>Ein verschlüsseltes Token (JWE): Seine Claims kann nur die API lesen, für die es bestimmt ist.
Header</translation>
    </message>
    <message>
        <source>A signed JWT (%1), read as %2.
Header</source>
        <translation>Ein signiertes JWT (%1), gelesen als %2.
Header</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Payload</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Decode (and with --verify verify) every token in FILE, or stdin for -, one per line: one result line per token (its line number, then passed, failed or malformed and why), empty lines skipped. Exit 0 when every token passed, 1 when one did not.</source>
        <translation>Jedes Token in FILE (oder stdin bei -) dekodieren (und mit --verify verifizieren), eines pro Zeile: eine Ergebniszeile pro Token (seine Zeilennummer, dann passed, failed oder malformed und warum), leere Zeilen werden übersprungen. Exit-Status 0, wenn jedes Token bestanden hat, 1, wenn eines nicht bestanden hat.</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: give TOKEN or --each-line FILE, not both.</source>
        <translation>tokenlab-cli decode: Geben Sie TOKEN oder --each-line FILE an, nicht beides.</translation>
    </message>
    <message>
        <source>stdin</source>
        <translation>stdin</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: %1 holds no token.</source>
        <translation>tokenlab-cli decode: %1 enthält kein Token.</translation>
    </message>
    <message numerus="yes">
        <source>tokenlab-cli decode: %n tokens read, %1 passed, %2 did not.</source>
        <translation>
            <numerusform>tokenlab-cli decode: %n Token gelesen, %1 bestanden, %2 nicht.</numerusform>
            <numerusform>tokenlab-cli decode: %n Tokens gelesen, %1 bestanden, %2 nicht.</numerusform>
        </translation>
    </message>
    <message>
        <source>The line is longer than %1 bytes, more than any token.</source>
        <translation>Die Zeile ist länger als %1 Bytes, mehr als jedes Token.</translation>
    </message>
    <message>
        <source>An %1 token cannot be verified here; only its issuer can read it.</source>
        <translation>Ein %1 Token kann hier nicht verifiziert werden; nur sein Issuer kann es lesen.</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>verschlüsseltes</translation>
    </message>
    <message>
        <source>opaque</source>
        <translation>opakes</translation>
    </message>
    <message>
        <source>tokenlab-cli decode: 1 token read, %1 passed, %2 did not.</source>
        <translation>tokenlab-cli decode: 1 Token gelesen, %1 bestanden, %2 nicht.</translation>
    </message>
</context>
<context>
    <name>DeviceAuthorization</name>
    <message>
        <source>The device authorization endpoint answered HTTP %1 without an OAuth error; is its URL right?</source>
        <translation>Der Device-Authorization-Endpunkt antwortete mit HTTP %1 ohne OAuth-Fehler; stimmt seine URL?</translation>
    </message>
    <message>
        <source>The issuer does not let this client use the device flow (unauthorized_client%1); enable the device code grant for the client at the issuer.</source>
        <translation>Der Issuer lässt diesen Client den Device-Flow nicht nutzen (unauthorized_client%1); aktivieren Sie den Device-Code-Grant für den Client beim Issuer.</translation>
    </message>
    <message>
        <source>The device authorization endpoint refused the request: %1.</source>
        <translation>Der Device-Authorization-Endpunkt hat die Anfrage abgelehnt: %1.</translation>
    </message>
    <message>
        <source>The device authorization endpoint answered, but not with a JSON object.</source>
        <translation>Der Device-Authorization-Endpunkt antwortete, aber nicht mit einem JSON-Objekt.</translation>
    </message>
    <message>
        <source>The device authorization endpoint&apos;s answer has no &quot;device_code&quot; (RFC 8628 3.2).</source>
        <translation>Die Antwort des Device-Authorization-Endpunkts hat keinen „device_code“ (RFC 8628 3.2).</translation>
    </message>
    <message>
        <source>The device authorization endpoint&apos;s &quot;device_code&quot; is longer than %1 characters.</source>
        <translation>Der „device_code“ des Device-Authorization-Endpunkts ist länger als %1 Zeichen.</translation>
    </message>
    <message>
        <source>The device authorization endpoint&apos;s answer has no &quot;user_code&quot; (RFC 8628 3.2).</source>
        <translation>Die Antwort des Device-Authorization-Endpunkts hat keinen „user_code“ (RFC 8628 3.2).</translation>
    </message>
    <message>
        <source>The device authorization endpoint&apos;s &quot;user_code&quot; is longer than %1 characters; nobody could type it.</source>
        <translation>Der „user_code“ des Device-Authorization-Endpunkts ist länger als %1 Zeichen; niemand könnte ihn eintippen.</translation>
    </message>
    <message>
        <source>The device authorization endpoint&apos;s &quot;user_code&quot; holds control characters; TokenLab will not show it.</source>
        <translation>Der „user_code“ des Device-Authorization-Endpunkts enthält Steuerzeichen; TokenLab zeigt ihn nicht an.</translation>
    </message>
    <message>
        <source>The device authorization endpoint&apos;s answer has no &quot;verification_uri&quot; (RFC 8628 3.2).</source>
        <translation>Die Antwort des Device-Authorization-Endpunkts hat keine „verification_uri“ (RFC 8628 3.2).</translation>
    </message>
    <message>
        <source>The device authorization endpoint&apos;s &quot;verification_uri&quot; is not an https URL (or http on a loopback address): &quot;%1&quot;.</source>
        <translation>Die „verification_uri“ des Device-Authorization-Endpunkts ist keine https-URL (oder http auf einer Loopback-Adresse): „%1“.</translation>
    </message>
    <message>
        <source>The device authorization endpoint&apos;s &quot;verification_uri_complete&quot; is not an https URL (or http on a loopback address).</source>
        <translation>Die „verification_uri_complete“ des Device-Authorization-Endpunkts ist keine https-URL (oder http auf einer Loopback-Adresse).</translation>
    </message>
    <message>
        <source>The device authorization endpoint&apos;s answer has no whole number &quot;expires_in&quot; (RFC 8628 3.2).</source>
        <translation>Die Antwort des Device-Authorization-Endpunkts hat kein ganzzahliges „expires_in“ (RFC 8628 3.2).</translation>
    </message>
    <message>
        <source>The device authorization endpoint&apos;s &quot;expires_in&quot; is %1 s; TokenLab waits between 1 s and a day.</source>
        <translation>„expires_in“ des Device-Authorization-Endpunkts ist %1 s; TokenLab wartet zwischen 1 s und einem Tag.</translation>
    </message>
    <message>
        <source>The device authorization endpoint&apos;s &quot;interval&quot; is not a whole number of seconds between 1 and %1.</source>
        <translation>„interval“ des Device-Authorization-Endpunkts ist keine ganze Zahl von Sekunden zwischen 1 und %1.</translation>
    </message>
    <message>
        <source>The sign-in was declined on the other device (access_denied); no tokens were issued.</source>
        <translation>Die Anmeldung wurde auf dem anderen Gerät abgelehnt (access_denied); es wurden keine Tokens ausgestellt.</translation>
    </message>
    <message>
        <source>The device code expired before the sign-in was finished (expired_token); log in again for a new code.</source>
        <translation>Der Gerätecode ist abgelaufen, bevor die Anmeldung abgeschlossen war (expired_token); melden Sie sich erneut an, um einen neuen Code zu erhalten.</translation>
    </message>
    <message>
        <source>The token endpoint gave no answer.</source>
        <translation>Der Token-Endpunkt gab keine Antwort.</translation>
    </message>
    <message>
        <source>The token endpoint refused the device code without saying why.</source>
        <translation>Der Token-Endpunkt hat den Gerätecode ohne Begründung abgelehnt.</translation>
    </message>
</context>
<context>
    <name>DeviceCodeView</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>With the code:</source>
        <translation>Mit dem Code:</translation>
    </message>
    <message>
        <source>Enter this code at the address below, on a phone or another computer</source>
        <translation>Geben Sie diesen Code unter der Adresse unten ein, auf einem Telefon oder einem anderen Computer</translation>
    </message>
    <message>
        <source>Copy the address where the code is entered</source>
        <translation>Die Adresse kopieren, unter der der Code eingegeben wird</translation>
    </message>
    <message>
        <source>Copy the address that carries the code</source>
        <translation>Die Adresse kopieren, die den Code enthält</translation>
    </message>
    <message>
        <source>Scan with a phone to open the sign-in page</source>
        <translation>Mit einem Telefon scannen, um die Anmeldeseite zu öffnen</translation>
    </message>
    <message>
        <source>Copied the verification address</source>
        <translation>Die Bestätigungsadresse wurde kopiert</translation>
    </message>
    <message>
        <source>Copied the verification address with the code</source>
        <translation>Die Bestätigungsadresse mit dem Code wurde kopiert</translation>
    </message>
    <message>
        <source>On a phone or another computer, open the address and enter the code:</source>
        <translation>Öffnen Sie auf einem Telefon oder einem anderen Computer die Adresse und geben Sie den Code ein:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Waiting for the sign-in on the other device: %1 left.</source>
        <translation>Warten auf die Anmeldung auf dem anderen Gerät: noch %1.</translation>
    </message>
</context>
<context>
    <name>DevicePromptView</name>
    <message>
        <source>To sign in, open %1 on a phone or another computer and enter the code:

    %2

</source>
        <translation>Um sich anzumelden, öffnen Sie %1 auf einem Telefon oder einem anderen Computer und geben Sie den Code ein:

    %2

</translation>
    </message>
    <message>
        <source>Or open %1, which carries the code.
</source>
        <translation>Oder öffnen Sie %1, das den Code enthält.
</translation>
    </message>
    <message>
        <source>Waiting for the sign-in on the other device (the code is good for %1; Ctrl+C cancels).</source>
        <translation>Warten auf die Anmeldung auf dem anderen Gerät (der Code gilt %1; Strg+C bricht ab).</translation>
    </message>
    <message>
        <source>Waiting for the sign-in on the other device: %1 left (Ctrl+C cancels)</source>
        <translation>Warten auf die Anmeldung auf dem anderen Gerät: noch %1 (Strg+C bricht ab)</translation>
    </message>
</context>
<context>
    <name>Devicegrant</name>
    <message>
        <source>The device code expired before the sign-in was finished on the other device; log in again for a new code.</source>
        <translation>Der Gerätecode ist abgelaufen, bevor die Anmeldung auf dem anderen Gerät abgeschlossen war; melden Sie sich erneut an, um einen neuen Code zu erhalten.</translation>
    </message>
    <message>
        <source> The last poll: </source>
        <translation> Die letzte Abfrage: </translation>
    </message>
    <message>
        <source>The device login was cancelled; no tokens were kept.</source>
        <translation>Die Geräteanmeldung wurde abgebrochen; es wurden keine Tokens behalten.</translation>
    </message>
    <message>
        <source>Asking %1 for a device code (RFC 8628)</source>
        <translation>%1 wird nach einem Gerätecode gefragt (RFC 8628)</translation>
    </message>
    <message>
        <source>The issuer asked TokenLab to poll more slowly (slow_down); it now asks every %1 s.</source>
        <translation>Der Issuer hat TokenLab gebeten, langsamer abzufragen (slow_down); es fragt jetzt alle %1 s.</translation>
    </message>
    <message>
        <source>%1 TokenLab asks again in %2 s, while the code holds.</source>
        <translation>%1 TokenLab fragt in %2 s erneut, solange der Code gilt.</translation>
    </message>
</context>
<context>
    <name>DiscoverCommand</name>
    <message>
        <source>Fetch and check an issuer&apos;s OpenID discovery document (or RFC 8414 metadata)</source>
        <translation>Das OpenID-Discovery-Dokument eines Issuers (oder RFC-8414-Metadaten) abrufen und prüfen</translation>
    </message>
    <message>
        <source>Fetch ISSUER/.well-known/openid-configuration (or, where there is none, the RFC 8414 metadata at /.well-known/oauth-authorization-server), check it, and list the endpoints and what the issuer supports: PKCE, PAR, DPoP algorithms, client authentication methods, scopes.</source>
        <translation>Ruft ISSUER/.well-known/openid-configuration ab (oder, wo es keines gibt, die RFC-8414-Metadaten unter /.well-known/oauth-authorization-server), prüft es und listet die Endpunkte und was der Issuer unterstützt: PKCE, PAR, DPoP-Algorithmen, Methoden der Client-Authentifizierung, Scopes.</translation>
    </message>
    <message>
        <source>Print the whole document as JSON.</source>
        <translation>Das ganze Dokument als JSON ausgeben.</translation>
    </message>
    <message>
        <source>The issuer URL, e.g. https://example.eu.auth0.com/</source>
        <translation>Die Issuer-URL, z. B. https://example.eu.auth0.com/</translation>
    </message>
    <message>
        <source>tokenlab-cli discover: give exactly one ISSUER URL.</source>
        <translation>tokenlab-cli discover: Geben Sie genau eine ISSUER-URL an.</translation>
    </message>
    <message>
        <source>tokenlab-cli discover: &quot;%1&quot; is not a URL.</source>
        <translation>tokenlab-cli discover: „%1“ ist keine URL.</translation>
    </message>
    <message>
        <source>RFC 8414 authorization server metadata (no OpenID discovery)</source>
        <translation>RFC-8414-Metadaten des Autorisierungsservers (kein OpenID Discovery)</translation>
    </message>
    <message>
        <source>OpenID discovery</source>
        <translation>OpenID Discovery</translation>
    </message>
    <message>
        <source>Discovering %1 …</source>
        <translation>%1 wird ermittelt …</translation>
    </message>
</context>
<context>
    <name>DiscoverProfileDialog</name>
    <message>
        <source>Use an &amp;existing client ID:</source>
        <translation>&amp;Vorhandene Client-ID verwenden:</translation>
    </message>
    <message>
        <source>&amp;Discover</source>
        <translation>&amp;Ermitteln</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>New profile from an API URL</source>
        <translation>Neues Profil aus einer API-URL</translation>
    </message>
    <message>
        <source>my-api</source>
        <translation>meine-api</translation>
    </message>
    <message>
        <source>https://api.example.com/v1/things</source>
        <translation>https://api.example.com/v1/things</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>TokenLab calls the URL without a token and follows what the API publishes: its protected resource metadata (RFC 9728), its authorization server&apos;s metadata, and, if you agree, registration. Nothing is saved until every step succeeded.</source>
        <translation>TokenLab ruft die URL ohne Token auf und folgt dem, was die API veröffentlicht: ihren Protected-Resource-Metadaten (RFC 9728), den Metadaten ihres Autorisierungsservers und, wenn Sie zustimmen, der Registrierung. Gespeichert wird erst, wenn jeder Schritt gelungen ist.</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>Profil&amp;name:</translation>
    </message>
    <message>
        <source>API &amp;URL:</source>
        <translation>API-&amp;URL:</translation>
    </message>
    <message>
        <source>S&amp;teps:</source>
        <translation>Schri&amp;tte:</translation>
    </message>
    <message>
        <source>&amp;Register TokenLab at the API&apos;s authorization server (RFC 7591), once you see where</source>
        <translation>TokenLab beim Autorisierungsserver der API &amp;registrieren (RFC 7591), sobald Sie sehen, wo</translation>
    </message>
    <message>
        <source>Re&amp;gister there</source>
        <translation>Dort re&amp;gistrieren</translation>
    </message>
    <message>
        <source>Decl&amp;ine</source>
        <translation>Ab&amp;lehnen</translation>
    </message>
    <message>
        <source>Register TokenLab at %1? The authorization server %2 then knows TokenLab as a native public client with a loopback redirect, and gives it a client ID; nothing secret is sent.</source>
        <translation>TokenLab bei %1 registrieren? Der Autorisierungsserver %2 kennt TokenLab dann als nativen öffentlichen Client mit Loopback-Weiterleitung und gibt ihm eine Client-ID; es wird nichts Geheimes gesendet.</translation>
    </message>
    <message>
        <source>The profile&apos;s tokens will be meant for %1, which is wider than the URL you gave (see the steps). Save only if that is the API you mean.</source>
        <translation>Die Tokens des Profils werden für %1 bestimmt sein, was weiter ist als die angegebene URL (siehe die Schritte). Speichern Sie nur, wenn das die gemeinte API ist.</translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation>Ohne Speichern schließen?</translation>
    </message>
    <message>
        <source>TokenLab registered the client %1 at %2 for this profile. If you close without saving, it stays registered there, unused.</source>
        <translation>TokenLab hat für dieses Profil den Client %1 bei %2 registriert. Wenn Sie ohne Speichern schließen, bleibt er dort unbenutzt registriert.</translation>
    </message>
    <message>
        <source>&amp;Close without saving</source>
        <translation>Ohne Speichern s&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Keep the dialog open</source>
        <translation>Dialog &amp;offen lassen</translation>
    </message>
</context>
<context>
    <name>DiscoveryClient</name>
    <message>
        <source>The issuer &quot;%1&quot; is not an https URL (http is allowed only on loopback addresses).</source>
        <translation>Der Issuer „%1“ ist keine https-URL (http ist nur auf Loopback-Adressen erlaubt).</translation>
    </message>
    <message>
        <source>Could not read the discovery document at %1: %2</source>
        <translation>Das Discovery-Dokument unter %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 answered HTTP 404</source>
        <translation>%1 antwortete mit HTTP 404</translation>
    </message>
    <message>
        <source>The discovery document at %1 answered HTTP %2; is the issuer URL right?</source>
        <translation>Das Discovery-Dokument unter %1 antwortete mit HTTP %2; stimmt die Issuer-URL?</translation>
    </message>
    <message>
        <source>The issuer publishes neither RFC 8414 metadata (%1) nor OpenID discovery (%2 answered HTTP %3); is the issuer URL right?</source>
        <translation>Der Issuer veröffentlicht weder RFC-8414-Metadaten (%1) noch OpenID Discovery (%2 antwortete mit HTTP %3); stimmt die Issuer-URL?</translation>
    </message>
    <message>
        <source>The issuer publishes neither OpenID discovery (%1) nor RFC 8414 metadata (%2 answered HTTP %3); is the issuer URL right?</source>
        <translation>Der Issuer veröffentlicht weder OpenID Discovery (%1) noch RFC-8414-Metadaten (%2 antwortete mit HTTP %3); stimmt die Issuer-URL?</translation>
    </message>
    <message>
        <source>The RFC 8414 metadata at %1: %2</source>
        <translation>Die RFC-8414-Metadaten unter %1: %2</translation>
    </message>
</context>
<context>
    <name>DpopProof</name>
    <message>
        <source>not a signed JWT (%1)</source>
        <translation>kein signiertes JWT (%1)</translation>
    </message>
    <message>
        <source>The request has no DPoP proof (no DPoP header).</source>
        <translation>Die Anfrage hat keinen DPoP-Proof (keinen DPoP-Header).</translation>
    </message>
    <message>
        <source>The DPoP header holds more than one value; it must be exactly one JWT.</source>
        <translation>Der DPoP-Header enthält mehr als einen Wert; er muss genau ein JWT sein.</translation>
    </message>
    <message>
        <source>The DPoP proof is not a signed JWT: %1</source>
        <translation>Der DPoP-Proof ist kein signiertes JWT: %1</translation>
    </message>
    <message>
        <source>it is not a JWS.</source>
        <translation>Es ist kein JWS.</translation>
    </message>
    <message>
        <source>The DPoP proof&apos;s typ is &quot;%1&quot;, not &quot;dpop+jwt&quot;.</source>
        <translation>typ des DPoP-Proofs ist „%1“, nicht „dpop+jwt“.</translation>
    </message>
    <message>
        <source>The DPoP proof&apos;s alg &quot;%1&quot; is not an asymmetric signature algorithm.</source>
        <translation>alg „%1“ des DPoP-Proofs ist kein asymmetrischer Signaturalgorithmus.</translation>
    </message>
    <message>
        <source>The DPoP proof is signed with %1, which is not accepted here (%2).</source>
        <translation>Der DPoP-Proof ist mit %1 signiert, was hier nicht akzeptiert wird (%2).</translation>
    </message>
    <message>
        <source>The DPoP proof&apos;s header has no jwk (the public key that signed it).</source>
        <translation>Der Header des DPoP-Proofs hat kein jwk (den öffentlichen Schlüssel, der ihn signiert hat).</translation>
    </message>
    <message>
        <source>The DPoP proof&apos;s jwk holds private key material; it must be the public key only.</source>
        <translation>Das jwk des DPoP-Proofs enthält privates Schlüsselmaterial; es darf nur der öffentliche Schlüssel sein.</translation>
    </message>
    <message>
        <source>The DPoP proof&apos;s jwk is not a usable public key: %1</source>
        <translation>Das jwk des DPoP-Proofs ist kein verwendbarer öffentlicher Schlüssel: %1</translation>
    </message>
    <message>
        <source>The DPoP proof&apos;s signature does not verify with the jwk in its own header.</source>
        <translation>Die Signatur des DPoP-Proofs lässt sich mit dem jwk in seinem eigenen Header nicht verifizieren.</translation>
    </message>
    <message>
        <source>The DPoP proof has no jti.</source>
        <translation>Der DPoP-Proof hat keine jti.</translation>
    </message>
    <message>
        <source>The DPoP proof is for method %1, the request is %2.</source>
        <translation>Der DPoP-Proof ist für die Methode %1, die Anfrage ist %2.</translation>
    </message>
    <message>
        <source>The DPoP proof is for %1, the request went to %2.</source>
        <translation>Der DPoP-Proof ist für %1, die Anfrage ging an %2.</translation>
    </message>
    <message>
        <source>The DPoP proof has no numeric iat.</source>
        <translation>Der DPoP-Proof hat kein numerisches iat.</translation>
    </message>
    <message>
        <source>The DPoP proof carries a stale nonce; the server asks for a fresh one.</source>
        <translation>Der DPoP-Proof trägt eine veraltete Nonce; der Server verlangt eine frische.</translation>
    </message>
    <message>
        <source>The server requires a nonce in the DPoP proof.</source>
        <translation>Der Server verlangt eine Nonce im DPoP-Proof.</translation>
    </message>
    <message>
        <source>The DPoP proof&apos;s iat is %1 seconds off the server&apos;s clock (at most %2 allowed).</source>
        <translation>iat des DPoP-Proofs weicht %1 Sekunden von der Uhr des Servers ab (höchstens %2 erlaubt).</translation>
    </message>
    <message>
        <source>The DPoP proof&apos;s ath is the hash of another access token.</source>
        <translation>ath des DPoP-Proofs ist der Hash eines anderen Access-Tokens.</translation>
    </message>
    <message>
        <source>The DPoP proof has no ath (the access token&apos;s hash).</source>
        <translation>Der DPoP-Proof hat kein ath (den Hash des Access-Tokens).</translation>
    </message>
    <message>
        <source>The DPoP proof is signed by a key other than the one the access token is bound to (cnf.jkt).</source>
        <translation>Der DPoP-Proof ist mit einem anderen Schlüssel signiert als dem, an den das Access-Token gebunden ist (cnf.jkt).</translation>
    </message>
</context>
<context>
    <name>ExternalBrowser</name>
    <message>
        <source>no browser command</source>
        <translation>kein Browser-Befehl</translation>
    </message>
    <message>
        <source>TokenLab could not start the browser &quot;%1&quot;: %2</source>
        <translation>TokenLab konnte den Browser „%1“ nicht starten: %2</translation>
    </message>
    <message>
        <source>an SSH session and no $BROWSER</source>
        <translation>eine SSH-Sitzung und kein $BROWSER</translation>
    </message>
    <message>
        <source>no display ($DISPLAY and $WAYLAND_DISPLAY are not set) and no $BROWSER</source>
        <translation>kein Display ($DISPLAY und $WAYLAND_DISPLAY sind nicht gesetzt) und kein $BROWSER</translation>
    </message>
</context>
<context>
    <name>Formencoding</name>
    <message>
        <source>a percent sign is not followed by two hexadecimal digits</source>
        <translation>auf ein Prozentzeichen folgen nicht zwei Hexadezimalziffern</translation>
    </message>
    <message>
        <source>a value is not valid UTF-8</source>
        <translation>ein Wert ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <source>a parameter has no name</source>
        <translation>ein Parameter hat keinen Namen</translation>
    </message>
</context>
<context>
    <name>GuiCommandLine</name>
    <message>
        <source>TokenLab: a desktop client and test harness for OAuth 2.0 and OpenID Connect. Sign in through the browser with the authorization code flow and PKCE, inspect the tokens, call an API with them and find out why it answered 401 or 403, and probe an API&apos;s authorization. The sandbox profile, the default, runs an authorization server and a sample API on 127.0.0.1, so everything works offline. A second start raises the running window. The command line tokenlab-cli uses the same profiles and keychain.</source>
        <translation>TokenLab: ein Desktop-Client und Testwerkzeug für OAuth 2.0 und OpenID Connect. Melden Sie sich über den Browser mit dem Autorisierungscode-Flow und PKCE an, untersuchen Sie die Tokens, rufen Sie damit eine API auf und finden Sie heraus, warum sie mit 401 oder 403 antwortete, und prüfen Sie die Autorisierung einer API. Das Sandbox-Profil, der Standard, betreibt einen Autorisierungsserver und eine Beispiel-API auf 127.0.0.1, sodass alles offline funktioniert. Ein zweiter Start holt das laufende Fenster nach vorn. Die Kommandozeile tokenlab-cli verwendet dieselben Profile und denselben Schlüsselbund.</translation>
    </message>
    <message>
        <source>Print this program&apos;s man page (roff).</source>
        <translation>Die Manpage dieses Programms ausgeben (roff).</translation>
    </message>
    <message>
        <source>Displays help on commandline options.</source>
        <translation>Zeigt die Hilfe zu den Kommandozeilenoptionen an.</translation>
    </message>
    <message>
        <source>Displays version information.</source>
        <translation>Zeigt die Versionsinformationen an.</translation>
    </message>
    <message>
        <source>Usage: tokenlab [options]</source>
        <translation>Aufruf: tokenlab [Optionen]</translation>
    </message>
</context>
<context>
    <name>HelpDialogs</name>
    <message>
        <source>Save profile (Login tab)</source>
        <translation>Profil speichern (Reiter „Anmeldung“)</translation>
    </message>
    <message>
        <source>Send the request (API tab)</source>
        <translation>Die Anfrage senden (Reiter „API“)</translation>
    </message>
    <message>
        <source>Copy the selected endpoint URL (Issuer list)</source>
        <translation>Die URL des gewählten Endpunkts kopieren (Issuer-Liste)</translation>
    </message>
    <message>
        <source>Alt+underlined letter</source>
        <translation>Alt+unterstrichener Buchstabe</translation>
    </message>
    <message>
        <source>Go to that field, button or tab</source>
        <translation>Zu diesem Feld, Knopf oder Reiter gehen</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>Bewirkt</translation>
    </message>
    <message>
        <source>The Session menu&apos;s keys work on every tab.</source>
        <translation>Die Tasten des Menüs „Sitzung“ wirken auf jedem Reiter.</translation>
    </message>
    <message>
        <source>%1 %2
Qt %3 (built with %4)
%5
Tokens are kept in %6</source>
        <translation>%1 %2
Qt %3 (gebaut mit %4)
%5
Aufbewahrungsort der Tokens: %6</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>Über %1</translation>
    </message>
    <message>
        <source>%1: a desktop client and test harness for OAuth 2.0 and OpenID Connect.</source>
        <translation>%1: ein Desktop-Client und Testwerkzeug für OAuth 2.0 und OpenID Connect.</translation>
    </message>
</context>
<context>
    <name>HistoryEntry</name>
    <message>
        <source>an entry has no valid id.</source>
        <translation>Ein Eintrag hat keine gültige ID.</translation>
    </message>
    <message>
        <source>the entry %1 has no method or URL.</source>
        <translation>Der Eintrag %1 hat keine Methode oder URL.</translation>
    </message>
    <message>
        <source>the headers of entry %1 are not a list of name and value pairs.</source>
        <translation>Die Header von Eintrag %1 sind keine Liste von Name-Wert-Paaren.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 %2
%3</source>
        <translation>%1 %2
%3</translation>
    </message>
</context>
<context>
    <name>IdTokenChecks</name>
    <message>
        <source>The id_token is not a signed JWT.</source>
        <translation>Das ID-Token ist kein signiertes JWT.</translation>
    </message>
    <message>
        <source>The id_token cannot be read: </source>
        <translation>Das ID-Token kann nicht gelesen werden: </translation>
    </message>
    <message>
        <source>The id_token is unsigned (alg &quot;none&quot;); it must be refused.</source>
        <translation>Das ID-Token ist unsigniert (alg „none“); es muss abgelehnt werden.</translation>
    </message>
    <message>
        <source>%1: signed with the client secret, which a native app does not hold; it cannot be verified here.</source>
        <translation>%1: mit dem Client-Secret signiert, das eine native App nicht besitzt; es kann hier nicht verifiziert werden.</translation>
    </message>
    <message>
        <source>Not verified at login; the token inspector checks it against the issuer&apos;s keys.</source>
        <translation>Bei der Anmeldung nicht verifiziert; der Token-Inspektor prüft es gegen die Schlüssel des Issuers.</translation>
    </message>
</context>
<context>
    <name>ImportApplyJob</name>
    <message>
        <source>A profile named %1 already exists; pick another name, nothing was imported.</source>
        <translation>Ein Profil namens %1 gibt es bereits; wählen Sie einen anderen Namen, es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>The imported profile cannot be saved: %1</source>
        <translation>Das importierte Profil kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The file has no OAuth 2.0 settings, so its requests and variables join an existing profile, and there is no profile named %1.</source>
        <translation>Die Datei hat keine OAuth-2.0-Einstellungen, daher kommen ihre Anfragen und Variablen zu einem vorhandenen Profil, und es gibt kein Profil namens %1.</translation>
    </message>
    <message>
        <source>The profile %1 already has a saved request &quot;%2&quot;; nothing was imported.</source>
        <translation>Das Profil %1 hat bereits eine gespeicherte Anfrage „%2“; es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>The profile %1 already has a variable %2; nothing was imported.</source>
        <translation>Das Profil %1 hat bereits eine Variable %2; es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>The imported requests cannot be saved: %1</source>
        <translation>Die importierten Anfragen können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The client secret could not be kept in the keychain: %1</source>
        <translation>Das Client-Secret konnte nicht im Schlüsselbund aufbewahrt werden: %1</translation>
    </message>
    <message>
        <source>client secret: keychain entry %1:%2</source>
        <translation>Client-Secret: Schlüsselbund-Eintrag %1:%2</translation>
    </message>
    <message>
        <source>The secret variable %1 could not be kept in the keychain: %2</source>
        <translation>Die geheime Variable %1 konnte nicht im Schlüsselbund aufbewahrt werden: %2</translation>
    </message>
    <message>
        <source>variable %1: keychain entry %2</source>
        <translation>Variable %1: Schlüsselbund-Eintrag %2</translation>
    </message>
    <message>
        <source>The profile could not be saved: %1</source>
        <translation>Das Profil konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from %1</source>
        <translation>Aus %1 importieren</translation>
    </message>
    <message>
        <source>New profile &amp;name:</source>
        <translation>&amp;Name des neuen Profils:</translation>
    </message>
    <message>
        <source>Add to &amp;profile:</source>
        <translation>Zu &amp;Profil hinzufügen:</translation>
    </message>
    <message>
        <source>&amp;Client ID:</source>
        <translation>&amp;Client-ID:</translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation>Issu&amp;er:</translation>
    </message>
    <message>
        <source>&amp;Audience:</source>
        <translation>&amp;Audience:</translation>
    </message>
    <message>
        <source>Secrets kept in the keychain, never in TokenLab&apos;s files:</source>
        <translation>Geheimnisse, die im Schlüsselbund aufbewahrt werden, nie in TokenLabs Dateien:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Hinweise:</translation>
    </message>
    <message>
        <source>%1: no value in the file, nothing stored</source>
        <translation>%1: kein Wert in der Datei, nichts gespeichert</translation>
    </message>
    <message>
        <source>Client secret → keychain entry %1:%2</source>
        <translation>Client-Secret → Schlüsselbund-Eintrag %1:%2</translation>
    </message>
    <message>
        <source>Variable %1 → keychain entry %2</source>
        <translation>Variable %1 → Schlüsselbund-Eintrag %2</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
</context>
<context>
    <name>ImportSource</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>Profile %1 from %2 (%3):</source>
        <translation>Profil %1 aus %2 (%3):</translation>
    </message>
    <message>
        <source>  grant:     %1</source>
        <translation>  Grant:     %1</translation>
    </message>
    <message>
        <source>client credentials</source>
        <translation>Client Credentials</translation>
    </message>
    <message>
        <source>authorization code with PKCE</source>
        <translation>Autorisierungscode mit PKCE</translation>
    </message>
    <message>
        <source>  secret:    %1</source>
        <translation>  Secret:    %1</translation>
    </message>
    <message>
        <source>sent in an HTTP Basic header</source>
        <translation>in einem HTTP-Basic-Header gesendet</translation>
    </message>
    <message>
        <source>sent in the request body</source>
        <translation>im Anfrage-Body gesendet</translation>
    </message>
    <message>
        <source>  issuer:    %1</source>
        <translation>  Issuer:    %1</translation>
    </message>
    <message>
        <source>(none: give one)</source>
        <translation>(keiner: bitte angeben)</translation>
    </message>
    <message>
        <source>  client ID: %1</source>
        <translation>  Client-ID: %1</translation>
    </message>
    <message>
        <source>  scope:     %1</source>
        <translation>  Scope:     %1</translation>
    </message>
    <message>
        <source>  audience:  %1</source>
        <translation>  Audience:  %1</translation>
    </message>
    <message>
        <source>  resource:  %1</source>
        <translation>  Ressource: %1</translation>
    </message>
    <message>
        <source>Requests and variables from %1 (%2) for the existing profile %3:</source>
        <translation>Anfragen und Variablen aus %1 (%2) für das vorhandene Profil %3:</translation>
    </message>
    <message>
        <source>  API base:  %1</source>
        <translation>  API-Basis: %1</translation>
    </message>
    <message>
        <source>  The profile keeps its API base; %1 stays a variable.</source>
        <translation>  Das Profil behält seine API-Basis; %1 bleibt eine Variable.</translation>
    </message>
    <message>
        <source>Saved requests (%1):</source>
        <translation>Gespeicherte Anfragen (%1):</translation>
    </message>
    <message>
        <source>  ... and %1 more</source>
        <translation>  ... und %1 weitere</translation>
    </message>
    <message>
        <source>Variables (%1):</source>
        <translation>Variablen (%1):</translation>
    </message>
    <message>
        <source>  %1 (secret)</source>
        <translation>  %1 (geheim)</translation>
    </message>
    <message>
        <source>Secrets kept in the keychain, never in TokenLab&apos;s files (%1):</source>
        <translation>Geheimnisse, die im Schlüsselbund aufbewahrt werden, nie in TokenLabs Dateien (%1):</translation>
    </message>
    <message>
        <source>  %1: no value in the file, nothing stored</source>
        <translation>  %1: kein Wert in der Datei, nichts gespeichert</translation>
    </message>
    <message>
        <source>  client secret -&gt; %1:%2</source>
        <translation>  Client-Secret -&gt; %1:%2</translation>
    </message>
    <message>
        <source>  variable %1 -&gt; %2</source>
        <translation>  Variable %1 -&gt; %2</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Hinweise:</translation>
    </message>
</context>
<context>
    <name>ImportedCollection</name>
    <message>
        <source>The file is not valid JSON (%1 at byte %2).</source>
        <translation>Die Datei ist kein gültiges JSON (%1 bei Byte %2).</translation>
    </message>
    <message>
        <source>TokenLab cannot tell which tool wrote this file: it is not a Postman collection or environment, an Insomnia export or an OpenAPI document. Name the format with --format.</source>
        <translation>TokenLab kann nicht erkennen, welches Werkzeug diese Datei geschrieben hat: Sie ist keine Postman-Sammlung oder -Umgebung, kein Insomnia-Export und kein OpenAPI-Dokument. Nennen Sie das Format mit --format.</translation>
    </message>
    <message>
        <source>The file is larger than %1 MiB, more than an export TokenLab reads.</source>
        <translation>Die Datei ist größer als %1 MiB, mehr als ein Export, den TokenLab liest.</translation>
    </message>
    <message>
        <source>The variable &quot;%1&quot; of %2 was skipped: %3</source>
        <translation>Die Variable „%1“ von %2 wurde übersprungen: %3</translation>
    </message>
    <message>
        <source>The variable &quot;%1&quot; was skipped: an import keeps at most %2 variables.</source>
        <translation>Die Variable „%1“ wurde übersprungen: Ein Import übernimmt höchstens %2 Variablen.</translation>
    </message>
    <message>
        <source>The secret variable %1 has no value in %2; set it in the Variables editor.</source>
        <translation>Die geheime Variable %1 hat in %2 keinen Wert; setzen Sie ihn im Variablen-Editor.</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Anfrage %1</translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; was skipped: &quot;%2&quot; is not an HTTP method.</source>
        <translation>Die Anfrage „%1“ wurde übersprungen: „%2“ ist keine HTTP-Methode.</translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; was skipped: %2</source>
        <translation>Die Anfrage „%1“ wurde übersprungen: %2</translation>
    </message>
    <message>
        <source>The file holds %1 requests, more than the %2 an import takes; split it and import the parts.</source>
        <translation>Die Datei enthält %1 Anfragen, mehr als die %2, die ein Import übernimmt; teilen Sie sie und importieren Sie die Teile.</translation>
    </message>
    <message>
        <source>The variable %1 became the profile&apos;s API base %2, and {{%1}} became {{base}}.</source>
        <translation>Die Variable %1 wurde zur API-Basis %2 des Profils, und aus {{%1}} wurde {{base}}.</translation>
    </message>
    <message>
        <source>%1 has its own OAuth 2.0 settings; only the first ones found became the profile.</source>
        <translation>%1 hat eigene OAuth-2.0-Einstellungen; nur die ersten gefundenen wurden zum Profil.</translation>
    </message>
    <message>
        <source>%1 signs in without PKCE; TokenLab always sends a PKCE S256 challenge (RFC 7636).</source>
        <translation>%1 meldet sich ohne PKCE an; TokenLab sendet immer eine PKCE-S256-Challenge (RFC 7636).</translation>
    </message>
    <message>
        <source>%1 uses the %2 grant, which TokenLab does not do; the profile uses the authorization code grant with PKCE instead.</source>
        <translation>%1 verwendet den Grant %2, den TokenLab nicht unterstützt; das Profil verwendet stattdessen den Autorisierungscode-Grant mit PKCE.</translation>
    </message>
    <message>
        <source>The issuer %1 was derived from %2; discovery checks it when you sign in.</source>
        <translation>Der Issuer %1 wurde aus %2 abgeleitet; Discovery prüft ihn bei der Anmeldung.</translation>
    </message>
    <message>
        <source>%1 has no token or authorization URL TokenLab can read; give the issuer yourself.</source>
        <translation>%1 hat keine Token- oder Autorisierungs-URL, die TokenLab lesen kann; geben Sie den Issuer selbst an.</translation>
    </message>
    <message>
        <source>%1 names no client ID TokenLab can read; give the one registered for TokenLab.</source>
        <translation>%1 nennt keine Client-ID, die TokenLab lesen kann; geben Sie die für TokenLab registrierte an.</translation>
    </message>
    <message>
        <source>The client secret refers to a variable the import does not hold; store it with the profile editor.</source>
        <translation>Das Client-Secret verweist auf eine Variable, die der Import nicht enthält; speichern Sie es mit dem Profil-Editor.</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>Client-Secret</translation>
    </message>
</context>
<context>
    <name>InsomniaImport</name>
    <message>
        <source>This is an Insomnia 5 collection; export it as &quot;Insomnia v4 (JSON)&quot; for TokenLab.</source>
        <translation>Dies ist eine Insomnia-5-Sammlung; exportieren Sie sie für TokenLab als „Insomnia v4 (JSON)“.</translation>
    </message>
    <message>
        <source>An Insomnia export needs &quot;__export_format&quot;: 4 and a &quot;resources&quot; list; this file has not both.</source>
        <translation>Ein Insomnia-Export braucht &quot;__export_format&quot;: 4 und eine Liste &quot;resources&quot;; diese Datei hat nicht beides.</translation>
    </message>
    <message>
        <source>The environment &quot;%1&quot; was left out: the import takes the first sub-environment only.</source>
        <translation>Die Umgebung „%1“ wurde weggelassen: Der Import übernimmt nur die erste Unterumgebung.</translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot;</source>
        <translation>Der Ordner „%1“</translation>
    </message>
    <message>
        <source>The folders are nested more than %1 deep (or loop).</source>
        <translation>Die Ordner sind tiefer als %1 Ebenen verschachtelt (oder bilden eine Schleife).</translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; was skipped: it has no URL.</source>
        <translation>Die Anfrage „%1“ wurde übersprungen: Sie hat keine URL.</translation>
    </message>
    <message>
        <source>The multipart body of &quot;%1&quot; was left out: TokenLab sends JSON, form and raw bodies.</source>
        <translation>Der Multipart-Body von „%1“ wurde weggelassen: TokenLab sendet JSON-, Formular- und Roh-Bodies.</translation>
    </message>
    <message>
        <source>The request &quot;%1&quot;</source>
        <translation>Die Anfrage „%1“</translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; uses Insomnia&apos;s %2 authentication, which TokenLab does not import; it sends the profile&apos;s token.</source>
        <translation>Die Anfrage „%1“ nutzt Insomnias %2-Authentifizierung, die TokenLab nicht importiert; sie sendet das Token des Profils.</translation>
    </message>
    <message>
        <source>the environment &quot;%1&quot;</source>
        <translation>die Umgebung „%1“</translation>
    </message>
    <message>
        <source>The variable %1 holds a list or an object, which TokenLab&apos;s variables cannot; it was skipped.</source>
        <translation>Die Variable %1 enthält eine Liste oder ein Objekt, was TokenLabs Variablen nicht können; sie wurde übersprungen.</translation>
    </message>
</context>
<context>
    <name>IntrospectCommand</name>
    <message>
        <source>Ask the issuer what it says of a stored token (RFC 7662 introspection)</source>
        <translation>Den Issuer fragen, was er über ein gespeichertes Token sagt (RFC-7662-Introspektion)</translation>
    </message>
    <message>
        <source>Send a stored token of the profile to the issuer&apos;s introspection endpoint (RFC 7662), the client authenticated as at its token endpoint, and print what the issuer says: active, scope, client, subject, expiry; beside it what a JWT says of itself. Works for opaque tokens too. Exit 0 when the token is active, 1 when the issuer says it is not (revoked, expired, unknown), 2 when it could not be asked.</source>
        <translation>Sendet ein gespeichertes Token des Profils an den Introspektions-Endpunkt des Issuers (RFC 7662), mit dem Client authentifiziert wie an seinem Token-Endpunkt, und gibt aus, was der Issuer sagt: active, Scope, Client, Subjekt, Ablauf; daneben, was ein JWT über sich selbst sagt. Funktioniert auch für opake Tokens. Exit-Status 0, wenn das Token aktiv ist, 1, wenn der Issuer sagt, dass es das nicht ist (widerrufen, abgelaufen, unbekannt), 2, wenn er nicht gefragt werden konnte.</translation>
    </message>
    <message>
        <source>The profile (default: the active one).</source>
        <translation>Das Profil (Standard: das aktive).</translation>
    </message>
    <message>
        <source>access_token (default) or refresh_token.</source>
        <translation>access_token (Standard) oder refresh_token.</translation>
    </message>
    <message>
        <source>Print the issuer&apos;s answer as JSON.</source>
        <translation>Die Antwort des Issuers als JSON ausgeben.</translation>
    </message>
    <message>
        <source>tokenlab-cli introspect: --field must be access_token or refresh_token, not &quot;%1&quot;.</source>
        <translation>tokenlab-cli introspect: --field muss access_token oder refresh_token sein, nicht „%1“.</translation>
    </message>
    <message>
        <source>no tokens are stored for the profile &quot;%1&quot;; log in first.</source>
        <translation>Für das Profil „%1“ sind keine Tokens gespeichert; melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>tokenlab-cli introspect: the profile &quot;%1&quot; has no %2.</source>
        <translation>tokenlab-cli introspect: Das Profil „%1“ hat kein %2.</translation>
    </message>
    <message>
        <source>Asking %1 (%2) …</source>
        <translation>%1 wird gefragt (%2) …</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no: the issuer does not take this token (revoked, expired or unknown)</source>
        <translation>nein: Der Issuer nimmt dieses Token nicht an (widerrufen, abgelaufen oder unbekannt)</translation>
    </message>
    <message>
        <source>nothing: it is opaque, so only the issuer can say what it is</source>
        <translation>nichts: Es ist opak, daher kann nur der Issuer sagen, was es ist</translation>
    </message>
</context>
<context>
    <name>Introspection</name>
    <message>
        <source>The introspection endpoint did not accept the client&apos;s authentication (HTTP %1%2); it may take confidential clients only.</source>
        <translation>Der Introspektions-Endpunkt hat die Authentifizierung des Clients nicht akzeptiert (HTTP %1%2); er nimmt vielleicht nur vertrauliche Clients an.</translation>
    </message>
    <message>
        <source>The introspection endpoint refused the request: %1.</source>
        <translation>Der Introspektions-Endpunkt hat die Anfrage abgelehnt: %1.</translation>
    </message>
    <message>
        <source>The introspection endpoint answered HTTP %1 without an OAuth error; is its URL right?</source>
        <translation>Der Introspektions-Endpunkt antwortete mit HTTP %1 ohne OAuth-Fehler; stimmt seine URL?</translation>
    </message>
    <message>
        <source>The introspection endpoint answered, but not with a JSON object.</source>
        <translation>Der Introspektions-Endpunkt antwortete, aber nicht mit einem JSON-Objekt.</translation>
    </message>
    <message>
        <source>The introspection endpoint&apos;s answer has no boolean &quot;active&quot; (RFC 7662 2.2).</source>
        <translation>Die Antwort des Introspektions-Endpunkts hat kein boolesches „active“ (RFC 7662 2.2).</translation>
    </message>
</context>
<context>
    <name>IntrospectionView</name>
    <message>
        <source>Ask the iss&amp;uer (introspection)</source>
        <translation>Den Iss&amp;uer fragen (Introspektion)</translation>
    </message>
    <message>
        <source>Send the token to the issuer&apos;s introspection endpoint (RFC 7662), the client authenticated as at its token endpoint, and show what the issuer says of it</source>
        <translation>Das Token an den Introspektions-Endpunkt des Issuers senden (RFC 7662), mit dem Client authentifiziert wie an seinem Token-Endpunkt, und zeigen, was der Issuer darüber sagt</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>The issuer says</source>
        <translation>Der Issuer sagt</translation>
    </message>
    <message>
        <source>The token says</source>
        <translation>Das Token sagt</translation>
    </message>
    <message>
        <source>What the issuer says of the token</source>
        <translation>Was der Issuer über das Token sagt</translation>
    </message>
    <message>
        <source>What the issuer says (introspection, RFC 7662)</source>
        <translation>Was der Issuer sagt (Introspektion, RFC 7662)</translation>
    </message>
    <message>
        <source>No token to ask about.</source>
        <translation>Kein Token, nach dem gefragt werden kann.</translation>
    </message>
    <message>
        <source>The token says what it is itself; ask the issuer whether it still takes it.</source>
        <translation>Das Token sagt selbst, was es ist; fragen Sie den Issuer, ob er es noch annimmt.</translation>
    </message>
    <message>
        <source>An opaque token: the issuer is asked when this page is shown.</source>
        <translation>Ein opakes Token: Der Issuer wird gefragt, wenn diese Seite gezeigt wird.</translation>
    </message>
    <message>
        <source>The issuer cannot be asked: this window has no keychain for the client&apos;s credentials.</source>
        <translation>Der Issuer kann nicht gefragt werden: Dieses Fenster hat keinen Schlüsselbund für die Anmeldedaten des Clients.</translation>
    </message>
    <message>
        <source>Reading the issuer&apos;s metadata…</source>
        <translation>Die Metadaten des Issuers werden gelesen…</translation>
    </message>
    <message>
        <source>Asking %1 (client authentication: %2)…</source>
        <translation>%1 wird gefragt (Client-Authentifizierung: %2)…</translation>
    </message>
    <message>
        <source>Active: the issuer %1 takes this token.</source>
        <translation>Aktiv: Der Issuer %1 nimmt dieses Token an.</translation>
    </message>
    <message>
        <source>Not active: the issuer does not take this token (revoked, expired, or unknown to it).</source>
        <translation>Nicht aktiv: Der Issuer nimmt dieses Token nicht an (widerrufen, abgelaufen oder ihm unbekannt).</translation>
    </message>
    <message>
        <source>(opaque: nothing)</source>
        <translation>(opak: nichts)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>The issuer and the token disagree on %1.</source>
        <translation>Issuer und Token widersprechen sich bei %1.</translation>
    </message>
</context>
<context>
    <name>IssuerPanel</name>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Ctrl+C copies the selected URL</source>
        <translation>Strg+C kopiert die gewählte URL</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <source>Reading the issuer&apos;s discovery document…</source>
        <translation>Das Discovery-Dokument des Issuers wird gelesen…</translation>
    </message>
    <message>
        <source>Discovery</source>
        <translation>Discovery</translation>
    </message>
    <message>
        <source>Discovery failed: %1</source>
        <translation>Discovery gescheitert: %1</translation>
    </message>
    <message>
        <source>The issuer answered; its endpoints:</source>
        <translation>Der Issuer hat geantwortet; seine Endpunkte:</translation>
    </message>
    <message>
        <source>Authorize</source>
        <translation>Autorisierung</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>JWKS</source>
        <translation>JWKS</translation>
    </message>
    <message>
        <source>Userinfo</source>
        <translation>Userinfo</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>Widerruf</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>Sitzungsende</translation>
    </message>
    <message>
        <source>PAR (required)</source>
        <translation>PAR (erforderlich)</translation>
    </message>
    <message>
        <source>PAR</source>
        <translation>PAR</translation>
    </message>
    <message>
        <source>Introspection</source>
        <translation>Introspektion</translation>
    </message>
    <message>
        <source>Public API</source>
        <translation>Öffentliche API</translation>
    </message>
    <message>
        <source>Private API</source>
        <translation>Private API</translation>
    </message>
    <message>
        <source>Scoped API</source>
        <translation>API mit Scope</translation>
    </message>
</context>
<context>
    <name>JsonPosition</name>
    <message>
        <source>%1: the JSON does not parse (%2).</source>
        <translation>%1: Das JSON lässt sich nicht parsen (%2).</translation>
    </message>
    <message>
        <source>Line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
</context>
<context>
    <name>JwksClient</name>
    <message>
        <source>The JWKS URL &quot;%1&quot; is not https (http only on loopback addresses).</source>
        <translation>Die JWKS-URL „%1“ ist nicht https (http nur auf Loopback-Adressen).</translation>
    </message>
    <message>
        <source>Could not read the JWKS at %1: %2</source>
        <translation>Das JWKS unter %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The JWKS at %1 answered HTTP %2.</source>
        <translation>Das JWKS unter %1 antwortete mit HTTP %2.</translation>
    </message>
    <message>
        <source>The JWKS at %1 cannot be read: %2</source>
        <translation>Das JWKS unter %1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>Jwt</name>
    <message>
        <source>a line break</source>
        <translation>ein Zeilenumbruch</translation>
    </message>
    <message>
        <source>the control character U+%1</source>
        <translation>das Steuerzeichen U+%1</translation>
    </message>
    <message>
        <source>the byte 0x%1</source>
        <translation>das Byte 0x%1</translation>
    </message>
    <message>
        <source>The %1 is not valid base64url: %2 at position %3 of the token is outside the base64url alphabet.</source>
        <translation>%1 ist kein gültiges base64url: %2 an Position %3 des Tokens liegt außerhalb des base64url-Alphabets.</translation>
    </message>
    <message>
        <source>The %1 is not valid base64url: it ends in &apos;=&apos; padding at position %2 of the token, which JOSE leaves out.</source>
        <translation>%1 ist kein gültiges base64url: Es endet an Position %2 des Tokens mit &apos;=&apos;-Auffüllung, die JOSE weglässt.</translation>
    </message>
    <message>
        <source>The %1 is not valid base64url: no encoding is %2 characters long, so a character was lost or added (the part ends at position %3 of the token).</source>
        <translation>%1 ist kein gültiges base64url: Keine Kodierung ist %2 Zeichen lang, also ging ein Zeichen verloren oder kam hinzu (der Teil endet an Position %3 des Tokens).</translation>
    </message>
    <message>
        <source>The %1 is not valid base64url: its last character %2, at position %3 of the token, carries bits no encoder sets, so it was altered.</source>
        <translation>%1 ist kein gültiges base64url: Sein letztes Zeichen %2 an Position %3 des Tokens trägt Bits, die kein Kodierer setzt, also wurde es verändert.</translation>
    </message>
    <message>
        <source>The signature part was altered: %1 at position %2 of the token is not base64url, so no key can have made it.</source>
        <translation>Der Signaturteil wurde verändert: %1 an Position %2 des Tokens ist kein base64url, also kann ihn kein Schlüssel erzeugt haben.</translation>
    </message>
    <message>
        <source>The signature part was altered: it ends in &apos;=&apos; padding at position %1 of the token, which JOSE leaves out, so no key can have made it as it stands.</source>
        <translation>Der Signaturteil wurde verändert: Er endet an Position %1 des Tokens mit &apos;=&apos;-Auffüllung, die JOSE weglässt, also kann ihn so kein Schlüssel erzeugt haben.</translation>
    </message>
    <message>
        <source>The signature part was altered: no encoding is %1 characters long, so a character was added or removed (the part ends at position %2 of the token).</source>
        <translation>Der Signaturteil wurde verändert: Keine Kodierung ist %1 Zeichen lang, also kam ein Zeichen hinzu oder fehlt (der Teil endet an Position %2 des Tokens).</translation>
    </message>
    <message>
        <source>The signature part was altered: its last character %1, at position %2 of the token, carries bits no encoder sets, so no key can have made it.</source>
        <translation>Der Signaturteil wurde verändert: Sein letztes Zeichen %1 an Position %2 des Tokens trägt Bits, die kein Kodierer setzt, also kann ihn kein Schlüssel erzeugt haben.</translation>
    </message>
    <message>
        <source>The %1 is not valid base64url.</source>
        <translation>%1 ist kein gültiges base64url.</translation>
    </message>
    <message>
        <source>The %1 is not valid JSON (%2 at byte %3).</source>
        <translation>%1 ist kein gültiges JSON (%2 bei Byte %3).</translation>
    </message>
    <message>
        <source>The %1 is JSON but not an object.</source>
        <translation>%1 ist JSON, aber kein Objekt.</translation>
    </message>
    <message>
        <source>The token is empty.</source>
        <translation>Das Token ist leer.</translation>
    </message>
    <message>
        <source>The token is %1 bytes long; TokenLab reads tokens up to %2 bytes.</source>
        <translation>Das Token ist %1 Bytes lang; TokenLab liest Tokens bis %2 Bytes.</translation>
    </message>
    <message>
        <source>The token contains %1 at position %2, which a bearer token cannot have.</source>
        <translation>Das Token enthält %1 an Position %2, was ein Bearer-Token nicht haben kann.</translation>
    </message>
    <message>
        <source>JWE protected header</source>
        <translation>Geschützter JWE-Header</translation>
    </message>
    <message>
        <source>The token has %1 dot-separated parts; a signed JWT has 3 and an encrypted one 5.</source>
        <translation>Das Token hat %1 durch Punkte getrennte Teile; ein signiertes JWT hat 3 und ein verschlüsseltes 5.</translation>
    </message>
    <message>
        <source>The signature part was altered: it is not valid base64url, so no key can have made it.</source>
        <translation>Der Signaturteil wurde verändert: Er ist kein gültiges base64url, also kann ihn kein Schlüssel erzeugt haben.</translation>
    </message>
    <message>
        <source>The token is too large.</source>
        <translation>Das Token ist zu groß.</translation>
    </message>
    <message>
        <source>The token does not have 3 (signed) or 5 (encrypted) parts.</source>
        <translation>Das Token hat nicht 3 (signiert) oder 5 (verschlüsselt) Teile.</translation>
    </message>
    <message>
        <source>A part of the token is not valid base64url.</source>
        <translation>Ein Teil des Tokens ist kein gültiges base64url.</translation>
    </message>
    <message>
        <source>A part of the token is not valid JSON.</source>
        <translation>Ein Teil des Tokens ist kein gültiges JSON.</translation>
    </message>
    <message>
        <source>A part of the token is JSON but not an object.</source>
        <translation>Ein Teil des Tokens ist JSON, aber kein Objekt.</translation>
    </message>
</context>
<context>
    <name>KeySet</name>
    <message>
        <source>The JWKS is not a JSON object (%1).</source>
        <translation>Das JWKS ist kein JSON-Objekt (%1).</translation>
    </message>
    <message>
        <source>The JWKS has no &quot;keys&quot; array.</source>
        <translation>Das JWKS hat kein Array „keys“.</translation>
    </message>
    <message>
        <source>%1 is for &quot;%2&quot;, not signatures</source>
        <translation>%1 ist für „%2“, nicht für Signaturen</translation>
    </message>
</context>
<context>
    <name>KeychainSecret</name>
    <message>
        <source>The keychain did not answer within %1 s; it may be waiting for you to unlock it.</source>
        <translation>Der Schlüsselbund antwortete nicht innerhalb von %1 s; vielleicht wartet er darauf, dass Sie ihn entsperren.</translation>
    </message>
</context>
<context>
    <name>KeychainTokenStore</name>
    <message>
        <source>Nothing is stored in the keychain for this profile.</source>
        <translation>Für dieses Profil ist nichts im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>No keychain is available (on Linux, no Secret Service such as GNOME Keyring or KWallet answers on the session bus). Start your desktop&apos;s keyring and try again; until then the tokens are kept in memory for this run only.</source>
        <translation>Kein Schlüsselbund verfügbar (unter Linux antwortet kein Secret Service wie GNOME Keyring oder KWallet auf dem Session-Bus). Starten Sie den Schlüsselbund Ihres Desktops und versuchen Sie es erneut; bis dahin werden die Tokens nur für diesen Lauf im Speicher gehalten.</translation>
    </message>
    <message>
        <source>You declined TokenLab&apos;s access to the keychain; the tokens are kept in memory for this run only.</source>
        <translation>Sie haben TokenLab den Zugriff auf den Schlüsselbund verweigert; die Tokens werden nur für diesen Lauf im Speicher gehalten.</translation>
    </message>
    <message>
        <source>The keyring is locked. Unlock your login keyring (for example in Passwords and Keys / Seahorse) and try again; until then the tokens are kept in memory for this run only.</source>
        <translation>Der Schlüsselbund ist gesperrt. Entsperren Sie Ihren Anmelde-Schlüsselbund (zum Beispiel in „Passwörter und Verschlüsselung“ / Seahorse) und versuchen Sie es erneut; bis dahin werden die Tokens nur für diesen Lauf im Speicher gehalten.</translation>
    </message>
    <message>
        <source>No keychain could be reached (%1). Make sure a Secret Service such as GNOME Keyring runs in your desktop session; until then the tokens are kept in memory for this run only.</source>
        <translation>Kein Schlüsselbund erreichbar (%1). Sorgen Sie dafür, dass ein Secret Service wie GNOME Keyring in Ihrer Desktop-Sitzung läuft; bis dahin werden die Tokens nur für diesen Lauf im Speicher gehalten.</translation>
    </message>
    <message>
        <source>The keychain refused access (%1); unlock it or allow TokenLab, then try again.</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert (%1); entsperren Sie ihn oder erlauben Sie TokenLab den Zugriff, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation>Der Schlüsselbund meldete einen Fehler: %1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>the Secret Service keyring (service &quot;%1&quot;)</source>
        <translation>Secret-Service-Schlüsselbund (Dienst „%1“)</translation>
    </message>
    <message>
        <source>the macOS Keychain (service &quot;%1&quot;)</source>
        <translation>macOS-Schlüsselbund (Dienst „%1“)</translation>
    </message>
    <message>
        <source>Windows Credential Manager (service &quot;%1&quot;)</source>
        <translation>Windows-Anmeldeinformationsverwaltung (Dienst „%1“)</translation>
    </message>
    <message>
        <source>the OS keychain (service &quot;%1&quot;)</source>
        <translation>Schlüsselbund des Systems (Dienst „%1“)</translation>
    </message>
    <message>
        <source>The keychain did not answer within %1 s%2</source>
        <translation>Der Schlüsselbund antwortete nicht innerhalb von %1 s%2</translation>
    </message>
    <message>
        <source>; it may be waiting for you to unlock it. The tokens are kept in memory for this run only.</source>
        <translation>; vielleicht wartet er darauf, dass Sie ihn entsperren. Die Tokens werden nur für diesen Lauf im Speicher gehalten.</translation>
    </message>
    <message>
        <source> while deleting; try again once it is unlocked.</source>
        <translation> beim Löschen; versuchen Sie es erneut, sobald er entsperrt ist.</translation>
    </message>
    <message>
        <source>The tokens are too large to keep in the keychain (%1 bytes).</source>
        <translation>Die Tokens sind zu groß, um sie im Schlüsselbund aufzubewahren (%1 Bytes).</translation>
    </message>
    <message>
        <source>The keychain entry for this profile is not TokenLab&apos;s; use Forget tokens and log in again.</source>
        <translation>Der Schlüsselbund-Eintrag für dieses Profil gehört nicht zu TokenLab; verwenden Sie „Tokens vergessen“ und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The tokens in the keychain are damaged; use Forget tokens and log in again.</source>
        <translation>Die Tokens im Schlüsselbund sind beschädigt; verwenden Sie „Tokens vergessen“ und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Part of this profile&apos;s tokens is missing from the keychain; use Forget tokens and log in again.</source>
        <translation>Ein Teil der Tokens dieses Profils fehlt im Schlüsselbund; verwenden Sie „Tokens vergessen“ und melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>LocalHttpServer</name>
    <message>
        <source>refusing to listen on %1: only loopback addresses are allowed</source>
        <translation>Lauschen auf %1 verweigert: Nur Loopback-Adressen sind erlaubt</translation>
    </message>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation>Lauschen auf %1 Port %2 nicht möglich: %3</translation>
    </message>
</context>
<context>
    <name>LoginCommand</name>
    <message>
        <source>Sign in through the browser (authorization code + PKCE), or on another device</source>
        <translation>Über den Browser anmelden (Autorisierungscode + PKCE), oder auf einem anderen Gerät</translation>
    </message>
    <message>
        <source>Sign in through the browser with the authorization code flow and PKCE. Honours $BROWSER (a command that gets the URL). With --device, or by itself when there is no display and no $BROWSER and the issuer offers it, signs in on another device instead (RFC 8628): prints a code and the address to enter it at, with a QR code on a terminal, and waits. Prints the subject, granted scopes and expiry; never the tokens.</source>
        <translation>Meldet sich über den Browser mit dem Autorisierungscode-Flow und PKCE an. Beachtet $BROWSER (einen Befehl, der die URL erhält). Mit --device, oder von selbst, wenn es kein Display und kein $BROWSER gibt und der Issuer es anbietet, meldet es sich stattdessen auf einem anderen Gerät an (RFC 8628): gibt einen Code und die Adresse aus, unter der er einzugeben ist, auf einem Terminal mit QR-Code, und wartet. Gibt Subjekt, gewährte Scopes und Ablauf aus; nie die Tokens.</translation>
    </message>
    <message>
        <source>The profile to use (default: the active one).</source>
        <translation>Das zu verwendende Profil (Standard: das aktive).</translation>
    </message>
    <message>
        <source>Seconds to wait for the browser (default 300).</source>
        <translation>Sekunden, die auf den Browser gewartet wird (Standard 300).</translation>
    </message>
    <message>
        <source>Only print the URL; do not start a browser.</source>
        <translation>Nur die URL ausgeben; keinen Browser starten.</translation>
    </message>
    <message>
        <source>Sandbox profile only: skip the sandbox&apos;s pages as USER (alice or bob), consenting to all or the listed scopes.</source>
        <translation>Nur Sandbox-Profil: die Seiten der Sandbox als USER (alice oder bob) überspringen und allen oder den aufgeführten Scopes zustimmen.</translation>
    </message>
    <message>
        <source>Ask the issuer to show its sign-in again (prompt=login), to sign in as someone else.</source>
        <translation>Den Issuer bitten, seine Anmeldung erneut zu zeigen (prompt=login), um sich als jemand anderes anzumelden.</translation>
    </message>
    <message>
        <source>Ask for a sign-in no older than this many seconds (max_age).</source>
        <translation>Eine Anmeldung verlangen, die nicht älter als so viele Sekunden ist (max_age).</translation>
    </message>
    <message>
        <source>Sign in on another device (device authorization grant, RFC 8628): a phone or any computer with a browser.</source>
        <translation>Auf einem anderen Gerät anmelden (Device Authorization Grant, RFC 8628): einem Telefon oder einem beliebigen Computer mit Browser.</translation>
    </message>
    <message>
        <source>With the device flow: print the QR code even when stdout is no terminal.</source>
        <translation>Mit dem Device-Flow: den QR-Code auch ausgeben, wenn stdout kein Terminal ist.</translation>
    </message>
    <message>
        <source>tokenlab-cli login: unexpected argument &quot;%1&quot;.</source>
        <translation>tokenlab-cli login: Unerwartetes Argument „%1“.</translation>
    </message>
    <message>
        <source>tokenlab-cli login: --timeout must be 1 to 3600 seconds.</source>
        <translation>tokenlab-cli login: --timeout muss 1 bis 3600 Sekunden betragen.</translation>
    </message>
    <message>
        <source>tokenlab-cli login: --max-age must be a number of seconds.</source>
        <translation>tokenlab-cli login: --max-age muss eine Anzahl von Sekunden sein.</translation>
    </message>
    <message>
        <source>tokenlab-cli login: --qr goes with --device (or a profile added with --device).</source>
        <translation>tokenlab-cli login: --qr gehört zu --device (oder zu einem mit --device hinzugefügten Profil).</translation>
    </message>
    <message>
        <source>tokenlab-cli login: --auto-approve works only with the sandbox profile.</source>
        <translation>tokenlab-cli login: --auto-approve funktioniert nur mit dem Sandbox-Profil.</translation>
    </message>
    <message>
        <source>Started the sandbox tenant at %1 (it runs only while this command does).</source>
        <translation>Der Sandbox-Tenant wurde unter %1 gestartet (er läuft nur, solange dieser Befehl läuft).</translation>
    </message>
    <message>
        <source>Its switches (the window&apos;s File ▸ Sandbox tenant menu): %1.</source>
        <translation>Seine Schalter (im Fenster: Menü Datei ▸ Sandbox-Tenant): %1.</translation>
    </message>
    <message>
        <source>The profile logs in on another device (its device setting, RFC 8628).</source>
        <translation>Das Profil meldet sich auf einem anderen Gerät an (seine Geräte-Einstellung, RFC 8628).</translation>
    </message>
    <message>
        <source>There is %1, so TokenLab signs in on another device (RFC 8628); --no-browser prints the browser URL instead.</source>
        <translation>Es gibt %1, daher meldet sich TokenLab auf einem anderen Gerät an (RFC 8628); --no-browser gibt stattdessen die Browser-URL aus.</translation>
    </message>
    <message>
        <source>(no id_token)</source>
        <translation>(kein ID-Token)</translation>
    </message>
    <message>
        <source>(encrypted access token)</source>
        <translation>(verschlüsseltes Access-Token)</translation>
    </message>
    <message>
        <source>(opaque access token)</source>
        <translation>(opakes Access-Token)</translation>
    </message>
    <message>
        <source>no refresh token</source>
        <translation>kein Refresh-Token</translation>
    </message>
    <message>
        <source>refresh token issued</source>
        <translation>Refresh-Token ausgestellt</translation>
    </message>
    <message>
        <source>DPoP (bound to the profile&apos;s proof key)</source>
        <translation>DPoP (an den Proof-Schlüssel des Profils gebunden)</translation>
    </message>
    <message>
        <source>pushed first (PAR, RFC 9126)</source>
        <translation>zuerst übertragen (PAR, RFC 9126)</translation>
    </message>
    <message>
        <source>on another device (RFC 8628)</source>
        <translation>auf einem anderen Gerät (RFC 8628)</translation>
    </message>
    <message>
        <source> FAILED</source>
        <translation> GESCHEITERT</translation>
    </message>
    <message>
        <source> not verified</source>
        <translation> nicht verifiziert</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>%1 (in %2)</source>
        <translation>%1 (in %2)</translation>
    </message>
</context>
<context>
    <name>LoginFlow</name>
    <message>
        <source>The login timed out: nobody came back from the browser within %1 s.</source>
        <translation>Zeitüberschreitung bei der Anmeldung: Innerhalb von %1 s kam niemand aus dem Browser zurück.</translation>
    </message>
    <message>
        <source> TokenLab refused %1 request(s) at the redirect listener; the last: %2</source>
        <translation> TokenLab hat %1 Anfrage(n) am Weiterleitungs-Listener abgelehnt; die letzte: %2</translation>
    </message>
    <message>
        <source>The token store did not answer in time; the tokens are kept in memory for this run.</source>
        <translation>Der Token-Speicher antwortete nicht rechtzeitig; die Tokens werden für diesen Lauf im Speicher gehalten.</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Reading the issuer&apos;s configuration…</source>
        <translation>Die Konfiguration des Issuers wird gelesen…</translation>
    </message>
    <message>
        <source>Waiting for you to sign in in the browser…</source>
        <translation>Warten, bis Sie sich im Browser anmelden…</translation>
    </message>
    <message>
        <source>Waiting for you to sign in on the other device…</source>
        <translation>Warten, bis Sie sich auf dem anderen Gerät anmelden…</translation>
    </message>
    <message>
        <source>Exchanging the code for tokens…</source>
        <translation>Der Code wird gegen Tokens eingetauscht…</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>Anmeldung gescheitert</translation>
    </message>
    <message>
        <source>Login cancelled</source>
        <translation>Anmeldung abgebrochen</translation>
    </message>
    <message>
        <source>The profile is not usable: </source>
        <translation>Das Profil ist nicht verwendbar: </translation>
    </message>
    <message>
        <source>A machine-to-machine profile has no user to sign in on another device; log in without the device flow.</source>
        <translation>Ein Machine-to-Machine-Profil hat keinen Benutzer, der sich auf einem anderen Gerät anmelden könnte; melden Sie sich ohne Device-Flow an.</translation>
    </message>
    <message>
        <source>The issuer names no device_authorization_endpoint, so it offers no device flow (RFC 8628); log in through a browser instead.</source>
        <translation>Der Issuer nennt keinen device_authorization_endpoint und bietet daher keinen Device-Flow an (RFC 8628); melden Sie sich stattdessen über einen Browser an.</translation>
    </message>
    <message>
        <source>The issuer does not support PKCE with S256 (it lists %1); TokenLab will not log in without it.</source>
        <translation>Der Issuer unterstützt PKCE mit S256 nicht (er nennt %1); ohne das meldet sich TokenLab nicht an.</translation>
    </message>
    <message>
        <source>The profile asks for pushed authorization requests, but the issuer names no pushed_authorization_request_endpoint; turn PAR off for this profile.</source>
        <translation>Das Profil verlangt Pushed Authorization Requests, aber der Issuer nennt keinen pushed_authorization_request_endpoint; schalten Sie PAR für dieses Profil aus.</translation>
    </message>
    <message>
        <source>Listening for the browser at %1</source>
        <translation>Warten auf den Browser unter %1</translation>
    </message>
    <message>
        <source>Pushing the authorization request to %1 (PAR, RFC 9126%2)</source>
        <translation>Die Autorisierungsanfrage wird an %1 übertragen (PAR, RFC 9126%2)</translation>
    </message>
    <message>
        <source>; the issuer requires it</source>
        <translation>; der Issuer verlangt es</translation>
    </message>
    <message>
        <source>The issuer keeps the request for %1 s; the browser gets only client_id and request_uri.</source>
        <translation>Der Issuer bewahrt die Anfrage %1 s auf; der Browser erhält nur client_id und request_uri.</translation>
    </message>
    <message>
        <source>Reading the client&apos;s credentials from %1</source>
        <translation>Die Anmeldedaten des Clients werden gelesen (%1)</translation>
    </message>
    <message>
        <source>Asking %1 for a token with the client credentials (%2%3)</source>
        <translation>%1 wird mit den Client Credentials nach einem Token gefragt (%2%3)</translation>
    </message>
    <message>
        <source>Exchanging the code at %1</source>
        <translation>Der Code wird bei %1 eingetauscht</translation>
    </message>
    <message>
        <source>The id_token failed its checks: </source>
        <translation>Das ID-Token hat seine Prüfungen nicht bestanden: </translation>
    </message>
    <message>
        <source> The tokens were discarded.</source>
        <translation> Die Tokens wurden verworfen.</translation>
    </message>
    <message>
        <source>The issuer sent no id_token although openid was requested.</source>
        <translation>Der Issuer hat kein ID-Token gesendet, obwohl openid angefordert wurde.</translation>
    </message>
    <message>
        <source>Keeping the tokens in %1</source>
        <translation>Die Tokens werden aufbewahrt: %1</translation>
    </message>
    <message>
        <source>The tokens could not be saved; they are kept in memory for this run.</source>
        <translation>Die Tokens konnten nicht gespeichert werden; sie werden für diesen Lauf im Speicher gehalten.</translation>
    </message>
    <message>
        <source>The login was cancelled; no tokens were requested or kept.</source>
        <translation>Die Anmeldung wurde abgebrochen; es wurden keine Tokens angefordert oder behalten.</translation>
    </message>
    <message>
        <source>The login was cancelled while exchanging the code; any tokens that arrive are discarded.</source>
        <translation>Die Anmeldung wurde beim Eintauschen des Codes abgebrochen; eintreffende Tokens werden verworfen.</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>%1 wird gelesen</translation>
    </message>
    <message>
        <source>The profile %1 logs in on another device, but its issuer names no device_authorization_endpoint, so it offers no device flow (RFC 8628); turn the profile&apos;s device setting off to log in through a browser.</source>
        <translation>Das Profil %1 meldet sich auf einem anderen Gerät an, aber sein Issuer nennt keinen device_authorization_endpoint und bietet daher keinen Device-Flow an (RFC 8628); schalten Sie die Geräte-Einstellung des Profils aus, um sich über einen Browser anzumelden.</translation>
    </message>
    <message>
        <source>The issuer names no device_authorization_endpoint, so TokenLab cannot sign in on another device (RFC 8628) and uses a browser after all: open the URL below in a browser on this machine, or forward the port of its 127.0.0.1 redirect over SSH to the machine whose browser you use.</source>
        <translation>Der Issuer nennt keinen device_authorization_endpoint, daher kann sich TokenLab nicht auf einem anderen Gerät anmelden (RFC 8628) und verwendet doch einen Browser: Öffnen Sie die URL unten in einem Browser auf diesem Rechner, oder leiten Sie den Port ihrer 127.0.0.1-Weiterleitung per SSH an den Rechner weiter, dessen Browser Sie verwenden.</translation>
    </message>
</context>
<context>
    <name>LoginPanel</name>
    <message>
        <source>and end the bro&amp;wser session</source>
        <translation>und die Bro&amp;wser-Sitzung beenden</translation>
    </message>
    <message>
        <source>Cop&amp;y URL</source>
        <translation>URL &amp;kopieren</translation>
    </message>
    <message>
        <source>The sign-in URL of the login that waits, to copy into a browser if none opened</source>
        <translation>Die Anmelde-URL der wartenden Anmeldung, zum Kopieren in einen Browser, falls keiner geöffnet wurde</translation>
    </message>
    <message>
        <source>Sign-in URL, while a login waits</source>
        <translation>Anmelde-URL, solange eine Anmeldung wartet</translation>
    </message>
    <message>
        <source>Copied the sign-in URL</source>
        <translation>Die Anmelde-URL wurde kopiert</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Logging in with profile %1</source>
        <translation>Anmeldung mit dem Profil %1</translation>
    </message>
    <message>
        <source>Logged in as %1 at %2</source>
        <translation>Als %1 bei %2 angemeldet</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Subjekt)</translation>
    </message>
    <message>
        <source>the authorization request was pushed first (PAR)</source>
        <translation>die Autorisierungsanfrage wurde zuerst übertragen (PAR)</translation>
    </message>
    <message>
        <source>the tokens are bound to the profile&apos;s DPoP key</source>
        <translation>die Tokens sind an den DPoP-Schlüssel des Profils gebunden</translation>
    </message>
    <message>
        <source>Signed in to %1 as %2</source>
        <translation>Bei %1 als %2 angemeldet</translation>
    </message>
    <message>
        <source>Refreshing the tokens…</source>
        <translation>Die Tokens werden erneuert…</translation>
    </message>
    <message>
        <source>Refresh failed: %1</source>
        <translation>Erneuern gescheitert: %1</translation>
    </message>
    <message>
        <source>Tokens refreshed at %1</source>
        <translation>Tokens um %1 erneuert</translation>
    </message>
    <message>
        <source>Another TokenLab process had renewed the tokens already; these are its tokens</source>
        <translation>Ein anderer TokenLab-Prozess hatte die Tokens bereits erneuert; dies sind seine Tokens</translation>
    </message>
    <message>
        <source>Revoking the refresh token…</source>
        <translation>Das Refresh-Token wird widerrufen…</translation>
    </message>
    <message>
        <source>Logging out…</source>
        <translation>Abmeldung…</translation>
    </message>
    <message>
        <source>Revoked the refresh token and forgot the tokens</source>
        <translation>Das Refresh-Token wurde widerrufen und die Tokens vergessen</translation>
    </message>
    <message>
        <source>Forgot the tokens; revoking had problems (see below)</source>
        <translation>Die Tokens wurden vergessen; beim Widerruf gab es Probleme (siehe unten)</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Logged out, with problems (see below)</source>
        <translation>Abgemeldet, mit Problemen (siehe unten)</translation>
    </message>
    <message>
        <source>Logged out of %1</source>
        <translation>Von %1 abgemeldet</translation>
    </message>
    <message>
        <source>Forget tokens</source>
        <translation>Tokens vergessen</translation>
    </message>
    <message>
        <source>Forget the tokens of &quot;%1&quot;? TokenLab deletes them from the keychain.</source>
        <translation>Die Tokens von „%1“ vergessen? TokenLab löscht sie aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>The refresh token stays valid at the issuer until it expires: anyone holding a copy can still get new access tokens with it. &quot;Revoke and forget&quot; asks the issuer to revoke it first (RFC 7009), without ending the browser session.</source>
        <translation>Das Refresh-Token bleibt beim Issuer gültig, bis es abläuft: Wer eine Kopie hat, kann damit weiterhin neue Access-Tokens holen. „Widerrufen und vergessen“ bittet den Issuer zuerst, es zu widerrufen (RFC 7009), ohne die Browser-Sitzung zu beenden.</translation>
    </message>
    <message>
        <source>&amp;Revoke and forget</source>
        <translation>&amp;Widerrufen und vergessen</translation>
    </message>
    <message>
        <source>&amp;Forget only</source>
        <translation>Nur &amp;vergessen</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>The tokens could not be forgotten: %1</source>
        <translation>Die Tokens konnten nicht vergessen werden: %1</translation>
    </message>
    <message>
        <source>Forgot the tokens</source>
        <translation>Die Tokens wurden vergessen</translation>
    </message>
    <message>
        <source>Deleted the tokens of %1</source>
        <translation>Die Tokens von %1 wurden gelöscht</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <source>(no id_token)</source>
        <translation>(kein ID-Token)</translation>
    </message>
    <message>
        <source>Granted scopes</source>
        <translation>Gewährte Scopes</translation>
    </message>
    <message>
        <source>Not in the token&apos;s scope</source>
        <translation>Nicht im Scope des Tokens</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>Refresh-Token</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>ausgestellt</translation>
    </message>
    <message>
        <source>id_token checks</source>
        <translation>Prüfungen des ID-Tokens</translation>
    </message>
    <message>
        <source>Save the new profile, then log in.</source>
        <translation>Speichern Sie das neue Profil, dann melden Sie sich an.</translation>
    </message>
    <message>
        <source>A login for %1 is waiting; finish or cancel it there first.</source>
        <translation>Eine Anmeldung für %1 wartet; schließen Sie sie dort zuerst ab oder brechen Sie sie ab.</translation>
    </message>
</context>
<context>
    <name>LogoutCommand</name>
    <message>
        <source>Revoke the refresh token, delete the tokens, optionally end the browser session</source>
        <translation>Das Refresh-Token widerrufen, die Tokens löschen, optional die Browser-Sitzung beenden</translation>
    </message>
    <message>
        <source>Log out of a profile: revoke its refresh token where the issuer offers revocation, delete its tokens from the keychain, and with --end-session also end the browser session at the issuer (through $BROWSER, back to a loopback address).</source>
        <translation>Von einem Profil abmelden: sein Refresh-Token widerrufen, wo der Issuer Widerruf anbietet, seine Tokens aus dem Schlüsselbund löschen und mit --end-session auch die Browser-Sitzung beim Issuer beenden (über $BROWSER, zurück an eine Loopback-Adresse).</translation>
    </message>
    <message>
        <source>The profile (default: the active one).</source>
        <translation>Das Profil (Standard: das aktive).</translation>
    </message>
    <message>
        <source>Also end the browser session at the issuer.</source>
        <translation>Auch die Browser-Sitzung beim Issuer beenden.</translation>
    </message>
    <message>
        <source>With --end-session: only print the URL.</source>
        <translation>Mit --end-session: nur die URL ausgeben.</translation>
    </message>
    <message>
        <source>Logged out of %1</source>
        <translation>Von %1 abgemeldet</translation>
    </message>
    <message>
        <source>Ending the browser session at the issuer.</source>
        <translation>Die Browser-Sitzung beim Issuer wird beendet.</translation>
    </message>
</context>
<context>
    <name>LogoutFlow</name>
    <message>
        <source>The browser did not come back from the issuer within %1 s; the session there may still be open.</source>
        <translation>Der Browser kam nicht innerhalb von %1 s vom Issuer zurück; die Sitzung dort ist vielleicht noch offen.</translation>
    </message>
    <message>
        <source>Logging out of %1</source>
        <translation>Abmeldung von %1</translation>
    </message>
    <message>
        <source>Could not reach the issuer to revoke the refresh token: </source>
        <translation>Der Issuer war nicht erreichbar, um das Refresh-Token zu widerrufen: </translation>
    </message>
    <message>
        <source>No refresh token to revoke.</source>
        <translation>Kein Refresh-Token zu widerrufen.</translation>
    </message>
    <message>
        <source>The issuer offers no revocation endpoint; its refresh token stays valid until it expires.</source>
        <translation>Der Issuer bietet keinen Widerrufs-Endpunkt an; sein Refresh-Token bleibt gültig, bis es abläuft.</translation>
    </message>
    <message>
        <source>Could not authenticate the client for revocation: </source>
        <translation>Der Client konnte für den Widerruf nicht authentifiziert werden: </translation>
    </message>
    <message>
        <source>Revoked the refresh token at %1.</source>
        <translation>Das Refresh-Token wurde bei %1 widerrufen.</translation>
    </message>
    <message>
        <source>Deleted the tokens from %1.</source>
        <translation>Die Tokens wurden gelöscht (%1).</translation>
    </message>
    <message>
        <source>Could not delete the tokens: </source>
        <translation>Die Tokens konnten nicht gelöscht werden: </translation>
    </message>
    <message>
        <source>The issuer offers no way to end the browser session.</source>
        <translation>Der Issuer bietet keine Möglichkeit, die Browser-Sitzung zu beenden.</translation>
    </message>
    <message>
        <source>The issuer ended the browser session and sent the browser back.</source>
        <translation>Der Issuer hat die Browser-Sitzung beendet und den Browser zurückgeschickt.</translation>
    </message>
    <message>
        <source>Ending the browser session at %1</source>
        <translation>Die Browser-Sitzung wird bei %1 beendet</translation>
    </message>
</context>
<context>
    <name>LoopbackReceiver</name>
    <message>
        <source>TokenLab cannot listen for the browser on %1 port %2: %3 Close the program using that port or choose another redirect port in the profile.</source>
        <translation>TokenLab kann auf %1 Port %2 nicht auf den Browser warten: %3 Schließen Sie das Programm, das diesen Port belegt, oder wählen Sie im Profil einen anderen Weiterleitungs-Port.</translation>
    </message>
    <message>
        <source>This login is over</source>
        <translation>Diese Anmeldung ist vorbei</translation>
    </message>
    <message>
        <source>TokenLab is no longer waiting for this sign-in. You can close this tab.</source>
        <translation>TokenLab wartet nicht mehr auf diese Anmeldung. Sie können diesen Tab schließen.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>TokenLab&apos;s sign-in listener has nothing here.</source>
        <translation>Der Anmelde-Listener von TokenLab hat hier nichts.</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>Anfrage abgelehnt</translation>
    </message>
    <message>
        <source> TokenLab is still waiting for the real sign-in.</source>
        <translation> TokenLab wartet weiterhin auf die eigentliche Anmeldung.</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>TokenLab received the sign-in and is fetching your tokens. You can close this tab and return to TokenLab.</source>
        <translation>TokenLab hat die Anmeldung erhalten und holt Ihre Tokens. Sie können diesen Tab schließen und zu TokenLab zurückkehren.</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>The issuer ended your browser session. You can close this tab and return to TokenLab.</source>
        <translation>Der Issuer hat Ihre Browser-Sitzung beendet. Sie können diesen Tab schließen und zu TokenLab zurückkehren.</translation>
    </message>
    <message>
        <source>Sign-in did not complete</source>
        <translation>Die Anmeldung wurde nicht abgeschlossen</translation>
    </message>
    <message>
        <source> Return to TokenLab for details.</source>
        <translation> Einzelheiten finden Sie in TokenLab.</translation>
    </message>
    <message>
        <source>Sign-in refused</source>
        <translation>Anmeldung abgelehnt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source> Copy the sign-in URL instead.</source>
        <translation> Kopieren Sie stattdessen die Anmelde-URL.</translation>
    </message>
    <message>
        <source>No browser could be opened; copy the sign-in URL into one.</source>
        <translation>Es konnte kein Browser geöffnet werden; kopieren Sie die Anmelde-URL in einen.</translation>
    </message>
    <message>
        <source>&amp;Login</source>
        <translation>An&amp;meldung</translation>
    </message>
    <message>
        <source>T&amp;okens</source>
        <translation>T&amp;okens</translation>
    </message>
    <message>
        <source>&amp;API</source>
        <translation>&amp;API</translation>
    </message>
    <message>
        <source>&amp;Probe</source>
        <translation>&amp;Probe</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Tokens are kept in %1</source>
        <translation>Aufbewahrungsort der Tokens: %1</translation>
    </message>
    <message>
        <source>Saved the probe plan of %1</source>
        <translation>Der Probe-Plan von %1 wurde gespeichert</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>New Profile from an &amp;API URL…</source>
        <translation>Neues Profil aus einer &amp;API-URL…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>Sit&amp;zung</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Ansich&amp;t</translation>
    </message>
    <message>
        <source>&amp;Activity log</source>
        <translation>&amp;Aktivitätsprotokoll</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Renewing the tokens of %1 failed: %2</source>
        <translation>Das Erneuern der Tokens von %1 ist gescheitert: %2</translation>
    </message>
    <message>
        <source>Refreshed the tokens of %1</source>
        <translation>Die Tokens von %1 wurden erneuert</translation>
    </message>
    <message>
        <source>Took the tokens of %1 another TokenLab process had renewed</source>
        <translation>Die Tokens von %1 übernommen, die ein anderer TokenLab-Prozess erneuert hatte</translation>
    </message>
    <message>
        <source>Restored the tokens of %1</source>
        <translation>Die Tokens von %1 wurden wiederhergestellt</translation>
    </message>
    <message>
        <source>Keychain problem: %1</source>
        <translation>Problem mit dem Schlüsselbund: %1</translation>
    </message>
    <message>
        <source>Logging in again asking for %1</source>
        <translation>Erneute Anmeldung mit Anforderung von %1</translation>
    </message>
    <message>
        <source>Sandbox switches: %1</source>
        <translation>Sandbox-Schalter: %1</translation>
    </message>
    <message>
        <source>Another start of TokenLab brought this window forward</source>
        <translation>Ein weiterer Start von TokenLab hat dieses Fenster nach vorn geholt</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>Ü&amp;ber %1</translation>
    </message>
    <message numerus="yes">
        <source>Reading the tokens of %n profiles from the keychain…</source>
        <translation>
            <numerusform>Die Tokens von %n Profil werden aus dem Schlüsselbund gelesen…</numerusform>
            <numerusform>Die Tokens von %n Profilen werden aus dem Schlüsselbund gelesen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Read the tokens of %1 of %2 profiles from the keychain…</source>
        <translation>Die Tokens von %1 von %2 Profilen wurden aus dem Schlüsselbund gelesen…</translation>
    </message>
</context>
<context>
    <name>MintKey</name>
    <message>
        <source>Minting needs the TokenLab sandbox key from the keychain, and there is none: use the sandbox profile in the app once (or run tokenlab-sandbox --key-from-keychain) to make it.</source>
        <translation>Zum Prägen braucht es den Sandbox-Schlüssel von TokenLab aus dem Schlüsselbund, und es gibt keinen: Verwenden Sie einmal das Sandbox-Profil in der App (oder führen Sie tokenlab-sandbox --key-from-keychain aus), um ihn zu erzeugen.</translation>
    </message>
    <message>
        <source>Minting needs the TokenLab sandbox key from the keychain: %1</source>
        <translation>Zum Prägen braucht es den Sandbox-Schlüssel von TokenLab aus dem Schlüsselbund: %1</translation>
    </message>
</context>
<context>
    <name>NetworkErrors</name>
    <message>
        <source>%1 closed the connection part-way through its answer (%2 of %3 bytes arrived).</source>
        <translation>%1 hat die Verbindung mitten in seiner Antwort geschlossen (%2 von %3 Bytes kamen an).</translation>
    </message>
    <message>
        <source>the answer from %1 is larger than %2 bytes; TokenLab stopped reading it.</source>
        <translation>Die Antwort von %1 ist größer als %2 Bytes; TokenLab hat aufgehört, sie zu lesen.</translation>
    </message>
    <message>
        <source>the connection to %1 was refused; is the server running?</source>
        <translation>Die Verbindung zu %1 wurde abgelehnt; läuft der Server?</translation>
    </message>
    <message>
        <source>%1 closed the connection part-way through its answer.</source>
        <translation>%1 hat die Verbindung mitten in seiner Antwort geschlossen.</translation>
    </message>
    <message>
        <source>%1 closed the connection before answering.</source>
        <translation>%1 hat die Verbindung vor der Antwort geschlossen.</translation>
    </message>
    <message>
        <source>the host %1 was not found; check the address and your network.</source>
        <translation>Der Host %1 wurde nicht gefunden; prüfen Sie die Adresse und Ihr Netzwerk.</translation>
    </message>
    <message>
        <source>%1 stopped sending its answer part-way and did not finish in time.</source>
        <translation>%1 hat mitten in seiner Antwort aufgehört zu senden und ist nicht rechtzeitig fertig geworden.</translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation>%1 hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>the TLS handshake with %1 failed: %2</source>
        <translation>Der TLS-Handshake mit %1 ist gescheitert: %2</translation>
    </message>
    <message>
        <source>%1 redirected in a way TokenLab does not follow (%2).</source>
        <translation>%1 hat auf eine Weise weitergeleitet, der TokenLab nicht folgt (%2).</translation>
    </message>
</context>
<context>
    <name>OpenApiImport</name>
    <message>
        <source>This is a Swagger 2.0 document; TokenLab reads OpenAPI 3.x (convert it with swagger2openapi).</source>
        <translation>Dies ist ein Swagger-2.0-Dokument; TokenLab liest OpenAPI 3.x (konvertieren Sie es mit swagger2openapi).</translation>
    </message>
    <message>
        <source>The document has no &quot;openapi&quot;: &quot;3.x&quot; field, so it is not an OpenAPI 3 document.</source>
        <translation>Das Dokument hat kein Feld &quot;openapi&quot;: &quot;3.x&quot; und ist daher kein OpenAPI-3-Dokument.</translation>
    </message>
    <message>
        <source>&quot;paths&quot; is not a map of paths to operations.</source>
        <translation>&quot;paths&quot; ist keine Zuordnung von Pfaden zu Operationen.</translation>
    </message>
    <message>
        <source>The server URL %1 is not an absolute http(s) URL; set the profile&apos;s API base yourself.</source>
        <translation>Die Server-URL %1 ist keine absolute http(s)-URL; legen Sie die API-Basis des Profils selbst fest.</translation>
    </message>
    <message>
        <source>The document declares no oauth2 or openIdConnect security scheme.</source>
        <translation>Das Dokument deklariert kein Sicherheitsschema oauth2 oder openIdConnect.</translation>
    </message>
    <message>
        <source>An OpenAPI document names no audience; a client credentials profile needs the API identifier it asks tokens for.</source>
        <translation>Ein OpenAPI-Dokument nennt keine Audience; ein Client-Credentials-Profil braucht die API-Kennung, für die es Tokens anfordert.</translation>
    </message>
    <message>
        <source>The path %1 does not start with a slash and was skipped.</source>
        <translation>Der Pfad %1 beginnt nicht mit einem Schrägstrich und wurde übersprungen.</translation>
    </message>
    <message>
        <source>the path %1</source>
        <translation>der Pfad %1</translation>
    </message>
    <message>
        <source>The scheme %1 has no openIdConnectUrl TokenLab can read.</source>
        <translation>Das Schema %1 hat keine openIdConnectUrl, die TokenLab lesen kann.</translation>
    </message>
    <message>
        <source>The issuer %1 comes from the scheme %2&apos;s openIdConnectUrl.</source>
        <translation>Der Issuer %1 stammt aus der openIdConnectUrl des Schemas %2.</translation>
    </message>
    <message>
        <source>The scheme %1</source>
        <translation>Das Schema %1</translation>
    </message>
    <message>
        <source>The scheme %1 has no flows.</source>
        <translation>Das Schema %1 hat keine Flows.</translation>
    </message>
</context>
<context>
    <name>OpenApiPlan</name>
    <message>
        <source>this &quot;$ref&quot; chain is longer than %1 hops; is it a cycle?</source>
        <translation>Diese &quot;$ref&quot;-Kette ist länger als %1 Schritte; ist sie ein Zyklus?</translation>
    </message>
    <message>
        <source>&quot;$ref&quot; is &quot;%1&quot;, but only references inside this document (#/...) are followed</source>
        <translation>&quot;$ref&quot; ist „%1“, aber nur Verweise innerhalb dieses Dokuments (#/...) werden verfolgt</translation>
    </message>
    <message>
        <source>&quot;$ref&quot; points at #/%1, which this document does not have</source>
        <translation>&quot;$ref&quot; zeigt auf #/%1, das es in diesem Dokument nicht gibt</translation>
    </message>
    <message>
        <source>the security requirement names &quot;%1&quot;, which components.securitySchemes does not declare</source>
        <translation>Die Sicherheitsanforderung nennt „%1“, das components.securitySchemes nicht deklariert</translation>
    </message>
    <message>
        <source>the security scheme &quot;%1&quot; has no &quot;type&quot;</source>
        <translation>Das Sicherheitsschema „%1“ hat keinen &quot;type&quot;</translation>
    </message>
    <message>
        <source>&quot;security&quot; must be a list of security requirements, not %1</source>
        <translation>&quot;security&quot; muss eine Liste von Sicherheitsanforderungen sein, nicht %1</translation>
    </message>
    <message>
        <source>a security requirement must be a map of scheme names to scopes, not %1</source>
        <translation>Eine Sicherheitsanforderung muss eine Zuordnung von Schema-Namen zu Scopes sein, nicht %1</translation>
    </message>
    <message>
        <source>the scopes of &quot;%1&quot; must be a list, not %2</source>
        <translation>Die Scopes von „%1“ müssen eine Liste sein, nicht %2</translation>
    </message>
    <message>
        <source>a scope must be a string, not %1</source>
        <translation>Ein Scope muss ein String sein, nicht %1</translation>
    </message>
    <message>
        <source>&quot;parameters&quot; must be a list, not %1</source>
        <translation>&quot;parameters&quot; muss eine Liste sein, nicht %1</translation>
    </message>
    <message>
        <source>the %1 operation must be a map, not %2</source>
        <translation>Die Operation %1 muss eine Zuordnung sein, nicht %2</translation>
    </message>
    <message>
        <source>this operation cannot be probed: %1</source>
        <translation>Diese Operation kann nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>this is a Swagger 2.0 document; TokenLab reads OpenAPI 3.0 and 3.1, so convert it first</source>
        <translation>Dies ist ein Swagger-2.0-Dokument; TokenLab liest OpenAPI 3.0 und 3.1, konvertieren Sie es also zuerst</translation>
    </message>
    <message>
        <source>this is neither a TokenLab plan (a JSON object with &quot;endpoints&quot;) nor an OpenAPI document (no &quot;openapi&quot; at the top)</source>
        <translation>Dies ist weder ein TokenLab-Plan (ein JSON-Objekt mit &quot;endpoints&quot;) noch ein OpenAPI-Dokument (kein &quot;openapi&quot; auf oberster Ebene)</translation>
    </message>
    <message>
        <source>&quot;openapi&quot; is %1; TokenLab reads OpenAPI 3.0 and 3.1</source>
        <translation>&quot;openapi&quot; ist %1; TokenLab liest OpenAPI 3.0 und 3.1</translation>
    </message>
    <message>
        <source>&quot;paths&quot; must be a map of paths to operations, not %1</source>
        <translation>&quot;paths&quot; muss eine Zuordnung von Pfaden zu Operationen sein, nicht %1</translation>
    </message>
    <message>
        <source>the path %1 must start with a slash</source>
        <translation>Der Pfad %1 muss mit einem Schrägstrich beginnen</translation>
    </message>
    <message>
        <source>the path item of %1 must be a map, not %2</source>
        <translation>Das Pfad-Element von %1 muss eine Zuordnung sein, nicht %2</translation>
    </message>
    <message>
        <source>this is operation %L1; TokenLab probes at most %L2 endpoints in one plan</source>
        <translation>Dies ist Operation %L1; TokenLab prüft höchstens %L2 Endpunkte in einem Plan</translation>
    </message>
    <message>
        <source>Left out of the plan, since they need a credential other than a Bearer token (an API key, Basic, mutual TLS) or are described in another document: %1%2.</source>
        <translation>Aus dem Plan weggelassen, da sie andere Anmeldedaten als ein Bearer-Token brauchen (einen API-Schlüssel, Basic, Mutual TLS) oder in einem anderen Dokument beschrieben sind: %1%2.</translation>
    </message>
    <message>
        <source> and %L1 more</source>
        <translation> und %L1 weitere</translation>
    </message>
    <message>
        <source>the document has no operations under &quot;paths&quot;</source>
        <translation>Das Dokument hat keine Operationen unter &quot;paths&quot;</translation>
    </message>
    <message>
        <source>none of its %L1 operations takes a Bearer token, so there is nothing to probe</source>
        <translation>Keine seiner %L1 Operationen nimmt ein Bearer-Token, also gibt es nichts zu prüfen</translation>
    </message>
    <message>
        <source>The document is %1 KiB; TokenLab reads documents of up to %2 KiB.</source>
        <translation>Das Dokument hat %1 KiB; TokenLab liest Dokumente bis %2 KiB.</translation>
    </message>
    <message>
        <source>the document cannot be read as OpenAPI (%1)</source>
        <translation>Das Dokument kann nicht als OpenAPI gelesen werden (%1)</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <source>A&amp;dd endpoint</source>
        <translation>&amp;Endpunkt hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Ent&amp;fernen</translation>
    </message>
    <message>
        <source>Reset to the default plan</source>
        <translation>Standardplan</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>Impo&amp;rtieren…</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Expects</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Scopes</translation>
    </message>
    <message>
        <source>Header only</source>
        <translation>Nur Header</translation>
    </message>
    <message>
        <source>Relative to the profile&apos;s API base, starting with /</source>
        <translation>Relativ zur API-Basis des Profils, beginnend mit /</translation>
    </message>
    <message>
        <source>public: no token needed; token: any valid token; scopes: a token with the scopes listed</source>
        <translation>public: kein Token nötig; token: jedes gültige Token; scopes: ein Token mit den aufgeführten Scopes</translation>
    </message>
    <message>
        <source>The scopes a scopes endpoint needs, separated by spaces</source>
        <translation>Die Scopes, die ein scopes-Endpunkt braucht, durch Leerzeichen getrennt</translation>
    </message>
    <message>
        <source>The API takes the token in the Authorization header only: one accepted in the query or a form body is a fail</source>
        <translation>Die API nimmt das Token nur im Authorization-Header: Eines, das in der Query oder einem Formular-Body akzeptiert wird, ist ein Fehlschlag</translation>
    </message>
    <message>
        <source>Probe plan</source>
        <translation>Probe-Plan</translation>
    </message>
    <message>
        <source>Add an endpoint below the current one (Insert)</source>
        <translation>Einen Endpunkt unter dem aktuellen hinzufügen (Einfg)</translation>
    </message>
    <message>
        <source>Remove the selected endpoints (Delete)</source>
        <translation>Die gewählten Endpunkte entfernen (Entf)</translation>
    </message>
    <message>
        <source>Read a TokenLab plan, or an OpenAPI 3.0 or 3.1 document in JSON or YAML</source>
        <translation>Einen TokenLab-Plan oder ein OpenAPI-3.0- oder -3.1-Dokument in JSON oder YAML lesen</translation>
    </message>
    <message>
        <source>Import a plan</source>
        <translation>Einen Plan importieren</translation>
    </message>
    <message>
        <source>Plans and OpenAPI documents (*.json *.yaml *.yml);;All files (*)</source>
        <translation>Pläne und OpenAPI-Dokumente (*.json *.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The plan has no endpoints; add one, import a plan or reset to the default plan.</source>
        <translation>Der Plan hat keine Endpunkte; fügen Sie einen hinzu, importieren Sie einen Plan oder setzen Sie auf den Standardplan zurück.</translation>
    </message>
    <message>
        <source>The plan has %L1 endpoints; TokenLab probes at most %L2 in one plan.</source>
        <translation>Der Plan hat %L1 Endpunkte; TokenLab prüft höchstens %L2 in einem Plan.</translation>
    </message>
    <message>
        <source>Row %1: %2.</source>
        <translation>Zeile %1: %2.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 was not imported. %2</source>
        <translation>%1 wurde nicht importiert. %2</translation>
    </message>
    <message>
        <source>Imported 1 endpoint from %1.</source>
        <translation>1 Endpunkt aus %1 importiert.</translation>
    </message>
    <message>
        <source>Imported %L1 endpoints from %2.</source>
        <translation>%L1 Endpunkte aus %2 importiert.</translation>
    </message>
    <message>
        <source>Back to the default plan.</source>
        <translation>Zurück zum Standardplan.</translation>
    </message>
</context>
<context>
    <name>PostmanImport</name>
    <message>
        <source>The file is not valid JSON (%1 at byte %2).</source>
        <translation>Die Datei ist kein gültiges JSON (%1 bei Byte %2).</translation>
    </message>
    <message>
        <source>The file is JSON but not an object, so not a Postman collection or environment.</source>
        <translation>Die Datei ist JSON, aber kein Objekt, also keine Postman-Sammlung oder -Umgebung.</translation>
    </message>
    <message>
        <source>the environment</source>
        <translation>die Umgebung</translation>
    </message>
    <message>
        <source>This is a Postman collection v1; export it again as Collection v2.1.</source>
        <translation>Dies ist eine Postman-Sammlung v1; exportieren Sie sie erneut als Collection v2.1.</translation>
    </message>
    <message>
        <source>A Postman collection needs an &quot;info&quot; object and an &quot;item&quot; list; this file has not both.</source>
        <translation>Eine Postman-Sammlung braucht ein Objekt &quot;info&quot; und eine Liste &quot;item&quot;; diese Datei hat nicht beides.</translation>
    </message>
    <message>
        <source>The collection&apos;s schema %1 is not v2.0 or v2.1; export it again as Collection v2.1.</source>
        <translation>Das Schema %1 der Sammlung ist nicht v2.0 oder v2.1; exportieren Sie sie erneut als Collection v2.1.</translation>
    </message>
    <message>
        <source>the collection</source>
        <translation>die Sammlung</translation>
    </message>
    <message>
        <source>The collection</source>
        <translation>Die Sammlung</translation>
    </message>
    <message>
        <source>%1 uses Postman&apos;s %2 authorization, which TokenLab does not import; its requests send the profile&apos;s token.</source>
        <translation>%1 nutzt Postmans %2-Autorisierung, die TokenLab nicht importiert; seine Anfragen senden das Token des Profils.</translation>
    </message>
    <message>
        <source>The folders are nested more than %1 deep.</source>
        <translation>Die Ordner sind tiefer als %1 Ebenen verschachtelt.</translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot;</source>
        <translation>Der Ordner „%1“</translation>
    </message>
    <message>
        <source>An item without a request or items (&quot;%1&quot;) was skipped.</source>
        <translation>Ein Element ohne Anfrage oder Elemente („%1“) wurde übersprungen.</translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; was skipped: it is not an object.</source>
        <translation>Die Anfrage „%1“ wurde übersprungen: Sie ist kein Objekt.</translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; was skipped: it has no URL.</source>
        <translation>Die Anfrage „%1“ wurde übersprungen: Sie hat keine URL.</translation>
    </message>
    <message>
        <source>The request &quot;%1&quot;</source>
        <translation>Die Anfrage „%1“</translation>
    </message>
    <message>
        <source>The %1 body of &quot;%2&quot; was left out: TokenLab sends JSON, form and raw bodies.</source>
        <translation>Der %1-Body von „%2“ wurde weggelassen: TokenLab sendet JSON-, Formular- und Roh-Bodies.</translation>
    </message>
</context>
<context>
    <name>ProbeCases</name>
    <message>
        <source>the real token under a 7-character scheme that is not Bearer (&quot;Beaver&quot;)</source>
        <translation>das echte Token unter einem Schema aus 7 Zeichen, das nicht Bearer ist („Beaver“)</translation>
    </message>
    <message>
        <source>accepted the token under the scheme &quot;Beaver&quot;: the API cuts a fixed number of characters instead of parsing the scheme</source>
        <translation>Die API hat das Token unter dem Schema „Beaver“ angenommen: Sie schneidet eine feste Zahl von Zeichen ab, statt das Schema zu lesen</translation>
    </message>
    <message>
        <source>the real token under the scheme &quot;JWT&quot;</source>
        <translation>das echte Token unter dem Schema „JWT“</translation>
    </message>
    <message>
        <source>accepted the token under the scheme &quot;JWT&quot;: the API takes whatever follows the first space</source>
        <translation>Die API hat das Token unter dem Schema „JWT“ angenommen: Sie nimmt, was nach dem ersten Leerzeichen steht</translation>
    </message>
    <message>
        <source>the real token with no scheme</source>
        <translation>das echte Token ohne Schema</translation>
    </message>
    <message>
        <source>accepted the token with no scheme: the API does not parse the Authorization header</source>
        <translation>Die API hat das Token ohne Schema angenommen: Sie liest den Authorization-Header nicht richtig</translation>
    </message>
    <message>
        <source>the real token under &quot;bearer&quot; in lowercase</source>
        <translation>das echte Token unter „bearer“ in Kleinbuchstaben</translation>
    </message>
    <message>
        <source>refused the scheme written &quot;bearer&quot;: auth schemes are case-insensitive (RFC 9110 11.1), so clients that write it so are turned away</source>
        <translation>Die API hat das Schema in der Schreibweise „bearer“ abgelehnt: Bei Auth-Schemata zählt Groß- und Kleinschreibung nicht (RFC 9110 11.1), also werden Clients abgewiesen, die es so schreiben</translation>
    </message>
    <message>
        <source>the real token as the access_token query parameter, with no header</source>
        <translation>das echte Token als Query-Parameter access_token, ohne Header</translation>
    </message>
    <message>
        <source>accepted the token in the URL query, where the plan says the header is the only place</source>
        <translation>Die API hat das Token in der URL-Query angenommen, obwohl der Plan den Header als einzigen Ort nennt</translation>
    </message>
    <message>
        <source>accepted the token in the URL query: RFC 6750 2.3 allows it but advises against it, since URLs end up in logs and browser history</source>
        <translation>Die API hat das Token in der URL-Query angenommen: RFC 6750 2.3 erlaubt das, rät aber davon ab, weil URLs in Logs und im Browserverlauf landen</translation>
    </message>
    <message>
        <source>the real token as access_token in a form body, with no header</source>
        <translation>das echte Token als access_token in einem Formular-Body, ohne Header</translation>
    </message>
    <message>
        <source>accepted the token in a form body, where the plan says the header is the only place</source>
        <translation>Die API hat das Token in einem Formular-Body angenommen, obwohl der Plan den Header als einzigen Ort nennt</translation>
    </message>
    <message>
        <source>accepted the token in a form body (RFC 6750 2.2 allows it; most APIs take only the header)</source>
        <translation>Die API hat das Token in einem Formular-Body angenommen (RFC 6750 2.2 erlaubt das; die meisten APIs nehmen nur den Header)</translation>
    </message>
    <message>
        <source>the real token in the header and in the query at once</source>
        <translation>das echte Token zugleich im Header und in der Query</translation>
    </message>
    <message>
        <source>accepted the token sent two ways at once: RFC 6750 3.1 says such a request is invalid_request</source>
        <translation>Die API hat das Token angenommen, das auf zwei Wegen zugleich kam: Laut RFC 6750 3.1 ist eine solche Anfrage invalid_request</translation>
    </message>
    <message>
        <source>two Authorization headers: an altered token, then the real one</source>
        <translation>zwei Authorization-Header: ein verändertes Token, dann das echte</translation>
    </message>
    <message>
        <source>accepted a request with two Authorization headers (an altered token, then the real one): such a request is malformed (RFC 9110 5.3), and a proxy that checks one of them lets the other through</source>
        <translation>Die API hat eine Anfrage mit zwei Authorization-Headern angenommen (ein verändertes Token, dann das echte): Eine solche Anfrage ist fehlerhaft (RFC 9110 5.3), und ein Proxy, der einen davon prüft, lässt den anderen durch</translation>
    </message>
    <message>
        <source>the token is not a signed JWT</source>
        <translation>Das Token ist kein signiertes JWT</translation>
    </message>
    <message>
        <source>the real token with its signature altered</source>
        <translation>das echte Token mit veränderter Signatur</translation>
    </message>
    <message>
        <source>accepted a token whose signature was altered: the API does not verify signatures</source>
        <translation>Die API hat ein Token mit veränderter Signatur angenommen: Sie verifiziert keine Signaturen</translation>
    </message>
    <message>
        <source>the real token with a claim altered (signature now invalid)</source>
        <translation>das echte Token mit einem veränderten Claim (die Signatur ist nun ungültig)</translation>
    </message>
    <message>
        <source>accepted a token whose claims were altered after signing: the API does not verify signatures</source>
        <translation>Die API hat ein Token angenommen, dessen Claims nach dem Signieren verändert wurden: Sie verifiziert keine Signaturen</translation>
    </message>
    <message>
        <source>the same claims with alg &quot;%1&quot; and no signature</source>
        <translation>dieselben Claims mit alg „%1“ und ohne Signatur</translation>
    </message>
    <message>
        <source>accepted an unsigned token (alg &quot;%1&quot;): the API takes the algorithm from the token</source>
        <translation>Die API hat ein unsigniertes Token angenommen (alg „%1“): Sie nimmt den Algorithmus aus dem Token</translation>
    </message>
    <message>
        <source>the real header and claims with an empty signature</source>
        <translation>der echte Header und die echten Claims mit leerer Signatur</translation>
    </message>
    <message>
        <source>accepted a token with an empty signature: the API does not verify signatures</source>
        <translation>Die API hat ein Token mit leerer Signatur angenommen: Sie verifiziert keine Signaturen</translation>
    </message>
    <message>
        <source>the same claims as HS256, keyed with the issuer&apos;s public key</source>
        <translation>dieselben Claims als HS256, mit dem öffentlichen Schlüssel des Issuers als Schlüssel</translation>
    </message>
    <message>
        <source>accepted an HS256 token keyed with the issuer&apos;s public key: algorithm confusion, anyone can forge tokens</source>
        <translation>Die API hat ein HS256-Token angenommen, das mit dem öffentlichen Schlüssel des Issuers signiert ist: Algorithmus-Verwechslung, jeder kann Tokens fälschen</translation>
    </message>
    <message>
        <source>no key of the token&apos;s kind could be made</source>
        <translation>Es ließ sich kein Schlüssel von der Art des Tokens erzeugen</translation>
    </message>
    <message>
        <source>the same claims signed by a fresh key under the issuer&apos;s kid</source>
        <translation>dieselben Claims, signiert mit einem frischen Schlüssel unter der kid des Issuers</translation>
    </message>
    <message>
        <source>accepted a token signed by a key the issuer never had: the API does not verify signatures against the issuer&apos;s keys</source>
        <translation>Die API hat ein Token angenommen, das mit einem Schlüssel signiert ist, den der Issuer nie hatte: Sie verifiziert Signaturen nicht mit den Schlüsseln des Issuers</translation>
    </message>
    <message>
        <source>the same claims signed by a fresh key embedded as the jwk header</source>
        <translation>dieselben Claims, signiert mit einem frischen Schlüssel, der als jwk-Header mitkommt</translation>
    </message>
    <message>
        <source>accepted a token that carries its own verification key (jwk header): anyone can forge tokens</source>
        <translation>Die API hat ein Token angenommen, das seinen eigenen Prüfschlüssel mitbringt (jwk-Header): Jeder kann Tokens fälschen</translation>
    </message>
    <message>
        <source>TokenLab&apos;s key server did not start</source>
        <translation>Der Schlüsselserver von TokenLab ist nicht gestartet</translation>
    </message>
    <message>
        <source>a JWK Set URL (jku)</source>
        <translation>einer JWK-Set-URL (jku)</translation>
    </message>
    <message>
        <source>an X.509 certificate URL (x5u)</source>
        <translation>einer X.509-Zertifikats-URL (x5u)</translation>
    </message>
    <message>
        <source>the same claims signed by a fresh key, with %1 pointing at TokenLab&apos;s key server</source>
        <translation>dieselben Claims, signiert mit einem frischen Schlüssel, mit %1, die auf den Schlüsselserver von TokenLab zeigt</translation>
    </message>
    <message>
        <source>accepted a token whose %1 header names the key to trust: anyone can forge tokens</source>
        <translation>Die API hat ein Token angenommen, dessen %1-Header den Schlüssel nennt, dem sie trauen soll: Jeder kann Tokens fälschen</translation>
    </message>
    <message>
        <source>HS256 with an empty key and a kid naming /dev/null</source>
        <translation>HS256 mit leerem Schlüssel und einer kid, die /dev/null nennt</translation>
    </message>
    <message>
        <source>accepted a token whose kid is a file path: the API reads its key from where the token says</source>
        <translation>Die API hat ein Token angenommen, dessen kid ein Dateipfad ist: Sie liest ihren Schlüssel von dort, wo das Token es sagt</translation>
    </message>
    <message>
        <source>HS256 keyed with &quot;key&quot; and a kid carrying quotes</source>
        <translation>HS256 mit dem Schlüssel „key“ und einer kid mit Anführungszeichen</translation>
    </message>
    <message>
        <source>accepted a token whose kid carries an SQL fragment: the API builds a query from the kid</source>
        <translation>Die API hat ein Token angenommen, dessen kid ein SQL-Fragment enthält: Sie baut eine Abfrage aus der kid</translation>
    </message>
    <message>
        <source>the real claims with an all-zero ECDSA signature</source>
        <translation>die echten Claims mit einer ECDSA-Signatur aus lauter Nullen</translation>
    </message>
    <message>
        <source>accepted an ECDSA signature of zeros (CVE-2022-21449): anyone can forge tokens</source>
        <translation>Die API hat eine ECDSA-Signatur aus Nullen angenommen (CVE-2022-21449): Jeder kann Tokens fälschen</translation>
    </message>
    <message>
        <source>a valid token minted with the sandbox key</source>
        <translation>ein gültiges, mit dem Sandbox-Schlüssel geprägtes Token</translation>
    </message>
    <message>
        <source>refused a valid token signed by the sandbox key: the API does not trust the issuer %1, so the minted cases say nothing</source>
        <translation>Die API hat ein gültiges, mit dem Sandbox-Schlüssel signiertes Token abgelehnt: Sie vertraut dem Issuer %1 nicht, also sagen die geprägten Fälle nichts aus</translation>
    </message>
    <message>
        <source>a minted token without exp</source>
        <translation>ein geprägtes Token ohne exp</translation>
    </message>
    <message>
        <source>accepted a token without exp: it never expires (RFC 9068 2.2 requires exp)</source>
        <translation>Die API hat ein Token ohne exp angenommen: Es läuft nie ab (RFC 9068 2.2 verlangt exp)</translation>
    </message>
    <message>
        <source>a minted token that expired an hour ago</source>
        <translation>ein geprägtes Token, das vor einer Stunde abgelaufen ist</translation>
    </message>
    <message>
        <source>accepted a token that expired an hour ago: the API does not check exp</source>
        <translation>Die API hat ein Token angenommen, das vor einer Stunde abgelaufen ist: Sie prüft exp nicht</translation>
    </message>
    <message>
        <source>a minted token not valid before an hour from now</source>
        <translation>ein geprägtes Token, das erst in einer Stunde gültig wird</translation>
    </message>
    <message>
        <source>accepted a token that is not valid yet (nbf an hour ahead): the API does not check nbf</source>
        <translation>Die API hat ein noch nicht gültiges Token angenommen (nbf eine Stunde voraus): Sie prüft nbf nicht</translation>
    </message>
    <message>
        <source>a minted token issued an hour in the future</source>
        <translation>ein geprägtes Token, ausgestellt eine Stunde in der Zukunft</translation>
    </message>
    <message>
        <source>accepted a token issued an hour from now: no issuer does that, the API does not check iat</source>
        <translation>Die API hat ein Token angenommen, das in einer Stunde ausgestellt wird: Kein Issuer tut das, die API prüft iat nicht</translation>
    </message>
    <message>
        <source>a minted token claiming another issuer</source>
        <translation>ein geprägtes Token, das einen anderen Issuer angibt</translation>
    </message>
    <message>
        <source>accepted a token whose iss is another issuer: the API does not check iss</source>
        <translation>Die API hat ein Token angenommen, dessen iss ein anderer Issuer ist: Sie prüft iss nicht</translation>
    </message>
    <message>
        <source>a minted token for another audience</source>
        <translation>ein geprägtes Token für eine andere Audience</translation>
    </message>
    <message>
        <source>accepted a token for another audience: the API does not check aud</source>
        <translation>Die API hat ein Token für eine andere Audience angenommen: Sie prüft aud nicht</translation>
    </message>
    <message>
        <source>a minted token whose aud is an array holding this API and another</source>
        <translation>ein geprägtes Token, dessen aud ein Array mit dieser API und einer anderen ist</translation>
    </message>
    <message>
        <source>refused a token whose aud array includes this API: RFC 7519 4.1.3 allows aud to be an array</source>
        <translation>Die API hat ein Token abgelehnt, dessen aud-Array diese API enthält: RFC 7519 4.1.3 erlaubt aud als Array</translation>
    </message>
    <message>
        <source>a minted token without sub</source>
        <translation>ein geprägtes Token ohne sub</translation>
    </message>
    <message>
        <source>accepted a token without sub: RFC 9068 2.2 requires it, and the API cannot tell whose request it is</source>
        <translation>Die API hat ein Token ohne sub angenommen: RFC 9068 2.2 verlangt es, und die API kann nicht sagen, wessen Anfrage es ist</translation>
    </message>
    <message>
        <source>a minted token whose scope contains %1 only inside another scope</source>
        <translation>ein geprägtes Token, dessen scope %1 nur innerhalb eines anderen Scopes enthält</translation>
    </message>
    <message>
        <source>accepted the scope &quot;x%1x&quot; as %1: the API searches the scope string instead of splitting it</source>
        <translation>Die API hat den Scope „x%1x“ als %1 angenommen: Sie durchsucht den Scope-String, statt ihn zu zerlegen</translation>
    </message>
    <message>
        <source>a minted token whose scope only starts with %1</source>
        <translation>ein geprägtes Token, dessen scope nur mit %1 beginnt</translation>
    </message>
    <message>
        <source>accepted the scope &quot;%1&quot; as %2: the API compares prefixes instead of whole scopes</source>
        <translation>Die API hat den Scope „%1“ als %2 angenommen: Sie vergleicht Präfixe statt ganzer Scopes</translation>
    </message>
    <message>
        <source>a minted token whose scope is a JSON array</source>
        <translation>ein geprägtes Token, dessen scope ein JSON-Array ist</translation>
    </message>
    <message>
        <source>accepted scope as an array: RFC 9068 and RFC 8693 make it a space-separated string</source>
        <translation>Die API hat scope als Array angenommen: Nach RFC 9068 und RFC 8693 ist es ein durch Leerzeichen getrennter String</translation>
    </message>
    <message>
        <source>a minted token carrying the scopes as %1 instead of scope</source>
        <translation>ein geprägtes Token, das die Scopes als %1 statt als scope trägt</translation>
    </message>
    <message>
        <source>the API reads %1 as scopes</source>
        <translation>Die API liest %1 als Scopes</translation>
    </message>
    <message>
        <source>a minted token of about 100 KB</source>
        <translation>ein geprägtes Token von etwa 100 KB</translation>
    </message>
    <message>
        <source>accepted a 100 KB token: the API reads headers without a bound</source>
        <translation>Die API hat ein Token von 100 KB angenommen: Sie liest Header ohne Obergrenze</translation>
    </message>
    <message>
        <source>the real token under &quot;dpop&quot; in lowercase, with its proof</source>
        <translation>das echte Token unter „dpop“ in Kleinbuchstaben, mit seinem Proof</translation>
    </message>
    <message>
        <source>refused the scheme &quot;dpop&quot; in lowercase: auth schemes are case-insensitive (RFC 9110 11.1)</source>
        <translation>Die API hat das Schema „dpop“ in Kleinbuchstaben abgelehnt: Bei Auth-Schemata zählt Groß- und Kleinschreibung nicht (RFC 9110 11.1)</translation>
    </message>
    <message>
        <source>the probed token is no valid token on this endpoint, so a refusal would prove nothing</source>
        <translation>Das Token der Probe ist an diesem Endpunkt kein gültiges Token, also würde eine Ablehnung nichts beweisen</translation>
    </message>
    <message>
        <source>the DPoP-bound token without a proof</source>
        <translation>das DPoP-gebundene Token ohne Proof</translation>
    </message>
    <message>
        <source>accepted a DPoP-bound token without a proof: a stolen token works on its own</source>
        <translation>Die API hat ein DPoP-gebundenes Token ohne Proof angenommen: Ein gestohlenes Token funktioniert allein</translation>
    </message>
    <message>
        <source>the DPoP-bound token as a Bearer token</source>
        <translation>das DPoP-gebundene Token als Bearer-Token</translation>
    </message>
    <message>
        <source>accepted a DPoP-bound token as Bearer: the binding (cnf.jkt) is not checked (RFC 9449 7.2)</source>
        <translation>Die API hat ein DPoP-gebundenes Token als Bearer angenommen: Die Bindung (cnf.jkt) wird nicht geprüft (RFC 9449 7.2)</translation>
    </message>
    <message>
        <source>a proof made for another method</source>
        <translation>ein Proof für eine andere Methode</translation>
    </message>
    <message>
        <source>accepted a proof made for another method: htm is not checked</source>
        <translation>Die API hat einen Proof für eine andere Methode angenommen: htm wird nicht geprüft</translation>
    </message>
    <message>
        <source>a proof made for another URL</source>
        <translation>ein Proof für eine andere URL</translation>
    </message>
    <message>
        <source>accepted a proof made for another URL: htu is not checked</source>
        <translation>Die API hat einen Proof für eine andere URL angenommen: htu wird nicht geprüft</translation>
    </message>
    <message>
        <source>a proof carrying another token&apos;s hash (ath)</source>
        <translation>ein Proof mit dem Hash eines anderen Tokens (ath)</translation>
    </message>
    <message>
        <source>accepted a proof made for another token: ath is not checked</source>
        <translation>Die API hat einen Proof für ein anderes Token angenommen: ath wird nicht geprüft</translation>
    </message>
    <message>
        <source>a proof signed by another key than the token is bound to</source>
        <translation>ein Proof, signiert mit einem anderen Schlüssel als dem, an den das Token gebunden ist</translation>
    </message>
    <message>
        <source>accepted a proof from a key the token is not bound to: cnf.jkt is not compared</source>
        <translation>Die API hat einen Proof von einem Schlüssel angenommen, an den das Token nicht gebunden ist: cnf.jkt wird nicht verglichen</translation>
    </message>
    <message>
        <source>TokenLab had no second key to sign with (the probed token is not a signed JWT)</source>
        <translation>TokenLab hatte keinen zweiten Schlüssel zum Signieren (das Token der Probe ist kein signiertes JWT)</translation>
    </message>
    <message>
        <source>a proof made an hour ago</source>
        <translation>ein Proof von vor einer Stunde</translation>
    </message>
    <message>
        <source>accepted a proof made an hour ago: iat is not checked, so a captured proof works for ever</source>
        <translation>Die API hat einen Proof von vor einer Stunde angenommen: iat wird nicht geprüft, also funktioniert ein abgefangener Proof für immer</translation>
    </message>
    <message>
        <source>a proof sent a second time (the same jti)</source>
        <translation>ein zum zweiten Mal gesendeter Proof (dieselbe jti)</translation>
    </message>
    <message>
        <source>accepted a proof it had seen before: jti is not remembered, so a captured request can be replayed within the proof&apos;s lifetime (RFC 9449 11.1)</source>
        <translation>Die API hat einen Proof angenommen, den sie schon gesehen hatte: jti wird nicht gemerkt, also lässt sich eine abgefangene Anfrage innerhalb der Lebensdauer des Proofs wiederholen (RFC 9449 11.1)</translation>
    </message>
    <message>
        <source>no Authorization header</source>
        <translation>kein Authorization-Header</translation>
    </message>
    <message>
        <source>a public endpoint refused a request without a token</source>
        <translation>Ein öffentlicher Endpunkt hat eine Anfrage ohne Token abgelehnt</translation>
    </message>
    <message>
        <source>the real token</source>
        <translation>das echte Token</translation>
    </message>
    <message>
        <source>a public endpoint refused a valid token</source>
        <translation>Ein öffentlicher Endpunkt hat ein gültiges Token abgelehnt</translation>
    </message>
    <message>
        <source>answered without any token: the endpoint is not protected</source>
        <translation>Die API hat ganz ohne Token geantwortet: Der Endpunkt ist nicht geschützt</translation>
    </message>
    <message>
        <source>a Basic (non-Bearer) Authorization header</source>
        <translation>ein Basic-Authorization-Header (kein Bearer)</translation>
    </message>
    <message>
        <source>accepted Basic credentials where a Bearer token was required</source>
        <translation>Die API hat Basic-Zugangsdaten angenommen, wo ein Bearer-Token verlangt war</translation>
    </message>
    <message>
        <source>a malformed token</source>
        <translation>ein fehlerhaftes Token</translation>
    </message>
    <message>
        <source>accepted a malformed token: the API does not parse tokens</source>
        <translation>Die API hat ein fehlerhaftes Token angenommen: Sie liest Tokens nicht</translation>
    </message>
    <message>
        <source>refused a valid token with the needed scopes</source>
        <translation>Die API hat ein gültiges Token mit den nötigen Scopes abgelehnt</translation>
    </message>
    <message>
        <source>the probed token lacks %1, which this endpoint needs; log in again asking for it</source>
        <translation>Dem Token der Probe fehlt %1, das dieser Endpunkt braucht; melden Sie sich erneut an und fordern Sie es an</translation>
    </message>
    <message>
        <source>a valid token without %1</source>
        <translation>ein gültiges Token ohne %1</translation>
    </message>
    <message>
        <source>accepted a token without %1: the API does not check scopes</source>
        <translation>Die API hat ein Token ohne %1 angenommen: Sie prüft keine Scopes</translation>
    </message>
    <message>
        <source>no narrow token was given</source>
        <translation>Es wurde kein engeres Token angegeben</translation>
    </message>
    <message>
        <source>the narrow token carries %1, which this endpoint needs</source>
        <translation>Das engere Token trägt %1, das dieser Endpunkt braucht</translation>
    </message>
    <message>
        <source>a valid token for another audience</source>
        <translation>ein gültiges Token für eine andere Audience</translation>
    </message>
    <message>
        <source>accepted a token issued for another audience: the API does not check aud</source>
        <translation>Die API hat ein für eine andere Audience ausgestelltes Token angenommen: Sie prüft aud nicht</translation>
    </message>
    <message>
        <source>an expired token</source>
        <translation>ein abgelaufenes Token</translation>
    </message>
    <message>
        <source>accepted an expired token: the API does not check exp</source>
        <translation>Die API hat ein abgelaufenes Token angenommen: Sie prüft exp nicht</translation>
    </message>
    <message>
        <source>accepted a token that expired %1 seconds ago: perhaps a clock-skew leeway; a token expired longer ago tells more</source>
        <translation>Die API hat ein Token angenommen, das vor %1 Sekunden abgelaufen ist: vielleicht ein Spielraum für abweichende Uhren; ein länger abgelaufenes Token sagt mehr</translation>
    </message>
</context>
<context>
    <name>ProbeCommand</name>
    <message>
        <source>Check that the API refuses what it should: the 200/401/403 matrix</source>
        <translation>Prüfen, ob die API ablehnt, was sie ablehnen soll: die 200/401/403-Matrix</translation>
    </message>
    <message>
        <source>Probe the profile&apos;s API: for each endpoint of the plan, call it with no token, other schemes, a malformed token, the token altered, unsigned (alg none), re-signed by keys the issuer never had (a fresh key, an embedded jwk, jku and x5u, HS256 keyed with the issuer&apos;s public key), in the query, and the real token; with other profiles&apos; tokens, a token lacking the scope, one for another audience and an expired one (each checked to come from the same issuer first); with --mint, tokens signed by the TokenLab sandbox key with chosen claims. Each cell passes, warns (the right refusal, answered against convention) or fails (the API accepted what it must refuse, or refused the valid token). Exit 0 when no cell fails (with --strict: and none warns), 1 when any does, 2 when the probe could not run.</source>
        <translation>Prüft die API des Profils: Ruft jeden Endpunkt des Plans ohne Token auf, mit anderen Schemata, einem fehlerhaften Token, dem veränderten Token, unsigniert (alg none), neu signiert mit Schlüsseln, die der Issuer nie hatte (ein frischer Schlüssel, ein eingebettetes jwk, jku und x5u, HS256 mit dem öffentlichen Schlüssel des Issuers), in der Query und mit dem echten Token; mit Tokens anderer Profile, einem Token ohne den Scope, einem für eine andere Audience und einem abgelaufenen (bei jedem wird zuerst geprüft, dass es vom selben Issuer stammt); mit --mint Tokens, die mit dem Sandbox-Schlüssel von TokenLab und gewählten Claims signiert sind. Jede Zelle besteht, warnt (die richtige Ablehnung, entgegen der Konvention beantwortet) oder scheitert (die API hat angenommen, was sie ablehnen muss, oder das gültige Token abgelehnt). Exit-Status 0, wenn keine Zelle scheitert (mit --strict: und keine warnt), 1, wenn eine es tut, 2, wenn die Probe nicht laufen konnte.</translation>
    </message>
    <message>
        <source>The profile (default: the active one). The sandbox profile gets all its tokens itself.</source>
        <translation>Das Profil (Standard: das aktive). Das Sandbox-Profil holt alle seine Tokens selbst.</translation>
    </message>
    <message>
        <source>An OpenAPI 3.0/3.1 document (JSON or YAML) or a TokenLab plan: {&quot;endpoints&quot;:[{&quot;method&quot;:&quot;GET&quot;,&quot;path&quot;:&quot;/api/x&quot;,&quot;expect&quot;:&quot;public|token|scopes&quot;,&quot;scopes&quot;:[...],&quot;header_only&quot;:false}]}. Default: the plan saved with the profile, else the quickstart&apos;s three endpoints.</source>
        <translation>Ein OpenAPI-3.0/3.1-Dokument (JSON oder YAML) oder ein TokenLab-Plan: {&quot;endpoints&quot;:[{&quot;method&quot;:&quot;GET&quot;,&quot;path&quot;:&quot;/api/x&quot;,&quot;expect&quot;:&quot;public|token|scopes&quot;,&quot;scopes&quot;:[...],&quot;header_only&quot;:false}]}. Standard: der mit dem Profil gespeicherte Plan, sonst die drei Endpunkte des Schnellstarts.</translation>
    </message>
    <message>
        <source>Also write a JUnit XML report here.</source>
        <translation>Zusätzlich einen JUnit-XML-Bericht hierhin schreiben.</translation>
    </message>
    <message>
        <source>Print the cells as JSON instead of a table.</source>
        <translation>Die Zellen als JSON statt als Tabelle ausgeben.</translation>
    </message>
    <message>
        <source>Requests in flight at once (default 4).</source>
        <translation>Gleichzeitig laufende Anfragen (Standard 4).</translation>
    </message>
    <message>
        <source>A profile whose stored token lacks the plan&apos;s scopes.</source>
        <translation>Ein Profil, dessen gespeichertes Token die Scopes des Plans nicht hat.</translation>
    </message>
    <message>
        <source>A profile whose stored token is for another audience.</source>
        <translation>Ein Profil, dessen gespeichertes Token für eine andere Audience ist.</translation>
    </message>
    <message>
        <source>A profile whose stored token has expired.</source>
        <translation>Ein Profil, dessen gespeichertes Token abgelaufen ist.</translation>
    </message>
    <message>
        <source>Also mint tokens with the TokenLab sandbox key (no exp, expired, another issuer, substring scopes, ...). The profile&apos;s issuer must be a TokenLab sandbox of this machine.</source>
        <translation>Zusätzlich Tokens mit dem Sandbox-Schlüssel von TokenLab prägen (ohne exp, abgelaufen, anderer Issuer, Teilstring-Scopes, ...). Der Issuer des Profils muss eine TokenLab-Sandbox auf diesem Rechner sein.</translation>
    </message>
    <message>
        <source>Count warnings as failures (exit 1, and JUnit failures).</source>
        <translation>Warnungen als Fehlschläge zählen (Exit-Status 1 und JUnit-Fehlschläge).</translation>
    </message>
    <message>
        <source>Also write the cells as CSV here.</source>
        <translation>Zusätzlich die Zellen als CSV hierhin schreiben.</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>tokenlab-cli probe: cannot write %1: %2</source>
        <translation>tokenlab-cli probe: %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>tokenlab-cli probe: the API answered none of the requests; is it running at %1?</source>
        <translation>tokenlab-cli probe: Die API hat auf keine der Anfragen geantwortet; läuft sie unter %1?</translation>
    </message>
    <message>
        <source>no minted case ran (see the notes above).</source>
        <translation>Es lief kein geprägter Fall (siehe die Hinweise oben).</translation>
    </message>
    <message>
        <source>the API refused every valid token minted with the sandbox key, so it does not trust the sandbox at %1.</source>
        <translation>Die API hat jedes gültige, mit dem Sandbox-Schlüssel geprägte Token abgelehnt; sie vertraut also der Sandbox unter %1 nicht.</translation>
    </message>
    <message>
        <source>tokenlab-cli probe: --concurrency must be 1 to 16.</source>
        <translation>tokenlab-cli probe: --concurrency muss 1 bis 16 sein.</translation>
    </message>
    <message>
        <source>tokenlab-cli probe: cannot read %1: %2</source>
        <translation>tokenlab-cli probe: %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>tokenlab-cli probe: the profile has no API base URL; add one with profile add ... --api-base URL.</source>
        <translation>tokenlab-cli probe: Das Profil hat keine API-Basis-URL; fügen Sie eine mit profile add ... --api-base URL hinzu.</translation>
    </message>
    <message>
        <source>Getting tokens from the sandbox tenant at %1 …</source>
        <translation>Tokens werden vom Sandbox-Tenant unter %1 geholt …</translation>
    </message>
    <message>
        <source>tokenlab-cli probe: the sandbox gave no token.</source>
        <translation>tokenlab-cli probe: Die Sandbox hat kein Token geliefert.</translation>
    </message>
    <message>
        <source>tokenlab-cli probe: &quot;%1&quot; is already used for another token; each token comes from its own profile.</source>
        <translation>tokenlab-cli probe: „%1“ wird bereits für ein anderes Token verwendet; jedes Token kommt aus seinem eigenen Profil.</translation>
    </message>
    <message>
        <source>tokenlab-cli probe: there is no profile named &quot;%1&quot;.</source>
        <translation>tokenlab-cli probe: Es gibt kein Profil namens „%1“.</translation>
    </message>
    <message>
        <source>Note: no token is stored for &quot;%1&quot;; only the cases without a token run. Log in first for the rest.</source>
        <translation>Hinweis: Für „%1“ ist kein Token gespeichert; nur die Fälle ohne Token laufen. Melden Sie sich für den Rest zuerst an.</translation>
    </message>
    <message>
        <source>Preparing: the issuer&apos;s keys and a fresh key …</source>
        <translation>Vorbereitung: die Schlüssel des Issuers und ein frischer Schlüssel …</translation>
    </message>
    <message>
        <source>Probing: %1/%2</source>
        <translation>Probe: %1/%2</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>WARNUNG</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>nicht gelaufen</translation>
    </message>
    <message>
        <source>ENDPOINT</source>
        <translation>ENDPUNKT</translation>
    </message>
    <message>
        <source>CASE</source>
        <translation>FALL</translation>
    </message>
    <message>
        <source>EXPECTED</source>
        <translation>ERWARTET</translation>
    </message>
    <message>
        <source>GOT</source>
        <translation>BEKAM</translation>
    </message>
    <message>
        <source>RESULT</source>
        <translation>ERGEBNIS</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
</context>
<context>
    <name>ProbePanel</name>
    <message>
        <source>Mint tokens with the TokenLab sandbox &amp;key</source>
        <translation>Tokens mit dem Sandbox-S&amp;chlüssel von TokenLab prägen</translation>
    </message>
    <message>
        <source>A profile of the same issuer whose token lacks the plan&apos;s scopes, for the missing-scope cases</source>
        <translation>Ein Profil desselben Issuers, dessen Token die Scopes des Plans nicht hat, für die Fälle mit fehlendem Scope</translation>
    </message>
    <message>
        <source>A profile of the same issuer whose token is for another API, for the other-audience cases</source>
        <translation>Ein Profil desselben Issuers, dessen Token für eine andere API ist, für die Fälle mit anderer Audience</translation>
    </message>
    <message>
        <source>A profile of the same issuer whose token has expired, for the expired cases</source>
        <translation>Ein Profil desselben Issuers, dessen Token abgelaufen ist, für die Fälle mit abgelaufenem Token</translation>
    </message>
    <message>
        <source>For an API that trusts a TokenLab sandbox: tokens signed with its key, with no exp, another issuer, substring scopes and more. The profile&apos;s issuer must be this machine&apos;s sandbox.</source>
        <translation>Für eine API, die einer TokenLab-Sandbox vertraut: mit ihrem Schlüssel signierte Tokens, ohne exp, mit anderem Issuer, Teilstring-Scopes und mehr. Der Issuer des Profils muss die Sandbox dieses Rechners sein.</translation>
    </message>
    <message>
        <source>Narro&amp;w token from:</source>
        <translation>Engeres To&amp;ken von:</translation>
    </message>
    <message>
        <source>Other a&amp;udience from:</source>
        <translation>Andere A&amp;udience von:</translation>
    </message>
    <message>
        <source>E&amp;xpired token from:</source>
        <translation>A&amp;bgelaufenes Token von:</translation>
    </message>
    <message>
        <source>Export JUnit…</source>
        <translation>JUnit exportieren…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>JSON exportieren…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>The plan cannot be used: %1</source>
        <translation>Der Plan kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Probing: %1 of %2 cells…</source>
        <translation>Probe: %1 von %2 Zellen…</translation>
    </message>
    <message>
        <source>Probe case &quot;%1&quot; on %2 %3: %4. Expected %5; got %6: %7.</source>
        <translation>Probe-Fall „%1“ auf %2 %3: %4. Erwartet %5; erhalten %6: %7.</translation>
    </message>
    <message>
        <source>any answer</source>
        <translation>jede Antwort</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Save the profile to probe its API.</source>
        <translation>Speichern Sie das Profil, um seine API zu prüfen.</translation>
    </message>
    <message>
        <source>No access token: only the cases without a token will run. Log in first for the rest.</source>
        <translation>Kein Access-Token: Nur die Fälle ohne Token laufen. Melden Sie sich für den Rest zuerst an.</translation>
    </message>
    <message>
        <source>Ready to probe %1.</source>
        <translation>Bereit, %1 zu prüfen.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keines)</translation>
    </message>
    <message>
        <source>Getting fresh tokens…</source>
        <translation>Frische Tokens werden geholt…</translation>
    </message>
    <message>
        <source>Reading the sandbox key from the keychain…</source>
        <translation>Der Sandbox-Schlüssel wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>Getting the issuer&apos;s keys and a fresh key ready…</source>
        <translation>Die Schlüssel des Issuers und ein frischer Schlüssel werden bereitgestellt…</translation>
    </message>
    <message>
        <source>– not run</source>
        <translation>– nicht gelaufen</translation>
    </message>
    <message>
        <source>%1
Not run: %2</source>
        <translation>%1
Nicht gelaufen: %2</translation>
    </message>
    <message>
        <source>%1
Expected %2%3, got %4 (%5).%6
Click to open it in the API tab.</source>
        <translation>%1
Erwartet %2%3, erhalten %4 (%5).%6
Klicken, um ihn auf dem Reiter „API“ zu öffnen.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>JUnit XML (*.xml)</source>
        <translation>JUnit-XML (*.xml)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the probe&apos;s cells</source>
        <translation>Die Zellen der Probe exportieren</translation>
    </message>
    <message>
        <source>Exported %1 cells to %2.</source>
        <translation>%1 Zellen nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Sav&amp;e plan</source>
        <translation>P&amp;lan speichern</translation>
    </message>
    <message>
        <source>&amp;Run probe</source>
        <translation>Probe &amp;starten</translation>
    </message>
    <message>
        <source> in flight</source>
        <translation> gleichzeitig</translation>
    </message>
    <message>
        <source>Plan: each endpoint and what it expects (public, token, or scopes)</source>
        <translation>Plan: jeder Endpunkt und was er erwartet (public, token oder scopes)</translation>
    </message>
    <message>
        <source> with error=&quot;%1&quot;</source>
        <translation> mit error=&quot;%1&quot;</translation>
    </message>
    <message>
        <source>&amp;Concurrency:</source>
        <translation>&amp;Gleichzeitig:</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>nicht gelaufen</translation>
    </message>
</context>
<context>
    <name>ProbePreparation</name>
    <message>
        <source>The %1 token was not used: %2.</source>
        <translation>Das %1 wurde nicht verwendet: %2.</translation>
    </message>
    <message>
        <source>it is not a signed JWT, so TokenLab cannot check that it comes from the probed token&apos;s issuer</source>
        <translation>Es ist kein signiertes JWT, also kann TokenLab nicht prüfen, ob es vom Issuer des Tokens der Probe stammt</translation>
    </message>
    <message>
        <source>its signature does not verify against the probed issuer&apos;s keys: it comes from another issuer or key, and the API would rightly refuse it whatever its scopes</source>
        <translation>Seine Signatur lässt sich mit den Schlüsseln des Issuers der Probe nicht verifizieren: Es stammt von einem anderen Issuer oder Schlüssel, und die API würde es unabhängig von seinen Scopes zu Recht ablehnen</translation>
    </message>
    <message>
        <source>its issuer is &quot;%1&quot;, the probed token&apos;s is &quot;%2&quot;</source>
        <translation>Sein Issuer ist „%1“, der des Tokens der Probe „%2“</translation>
    </message>
    <message>
        <source>it is for the audience the probe tests (%1)</source>
        <translation>Es ist für die Audience, die die Probe testet (%1)</translation>
    </message>
    <message>
        <source>it is for the audience &quot;%1&quot;, the API for &quot;%2&quot;</source>
        <translation>Es ist für die Audience „%1“, die API für „%2“</translation>
    </message>
    <message>
        <source>it has no exp, so it never expires</source>
        <translation>Es hat kein exp, läuft also nie ab</translation>
    </message>
    <message>
        <source>it has not expired yet (its exp is %1 seconds from now)</source>
        <translation>Es ist noch nicht abgelaufen (sein exp liegt %1 Sekunden in der Zukunft)</translation>
    </message>
    <message>
        <source>it expired only %1 seconds ago, within the clock skew APIs allow; try again in a few seconds</source>
        <translation>Es ist erst vor %1 Sekunden abgelaufen, innerhalb des Spielraums, den APIs für abweichende Uhren lassen; versuchen Sie es in ein paar Sekunden erneut</translation>
    </message>
    <message>
        <source>it has expired; sign that profile in again</source>
        <translation>Es ist abgelaufen; melden Sie dieses Profil erneut an</translation>
    </message>
    <message>
        <source>the probed token expired %1 seconds ago, so every refusal would prove nothing; log in again and probe</source>
        <translation>Das Token der Probe ist vor %1 Sekunden abgelaufen, also würde jede Ablehnung nichts beweisen; melden Sie sich erneut an und starten Sie die Probe dann</translation>
    </message>
    <message>
        <source>The minted cases did not run: they copy the claims of the probed token, and there is no signed JWT for the probed profile.</source>
        <translation>Die geprägten Fälle liefen nicht: Sie kopieren die Claims des Tokens der Probe, und für das Profil der Probe gibt es kein signiertes JWT.</translation>
    </message>
    <message>
        <source>there is no token for the probed profile to compare it with</source>
        <translation>Es gibt kein Token des Profils der Probe, mit dem es sich vergleichen ließe</translation>
    </message>
    <message>
        <source>the issuer&apos;s metadata names no jwks_uri</source>
        <translation>Die Metadaten des Issuers nennen keine jwks_uri</translation>
    </message>
    <message>
        <source>the profile has no issuer</source>
        <translation>Das Profil hat keinen Issuer</translation>
    </message>
    <message>
        <source>the token is not a signed JWT</source>
        <translation>Das Token ist kein signiertes JWT</translation>
    </message>
    <message>
        <source>the probed token is not a signed JWT, so TokenLab cannot check that this one fits beside it</source>
        <translation>Das Token der Probe ist kein signiertes JWT, also kann TokenLab nicht prüfen, ob dieses dazu passt</translation>
    </message>
    <message>
        <source>the issuer&apos;s keys could not be fetched (%1), so TokenLab cannot check that it fits</source>
        <translation>Die Schlüssel des Issuers ließen sich nicht abrufen (%1), also kann TokenLab nicht prüfen, ob es passt</translation>
    </message>
    <message>
        <source>the issuer&apos;s keys could not be fetched (%1)</source>
        <translation>Die Schlüssel des Issuers ließen sich nicht abrufen (%1)</translation>
    </message>
    <message>
        <source>no key of the issuer verifies the probed token</source>
        <translation>Kein Schlüssel des Issuers verifiziert das Token der Probe</translation>
    </message>
    <message>
        <source>The minted cases did not run: the issuer&apos;s keys could not be fetched (%1).</source>
        <translation>Die geprägten Fälle liefen nicht: Die Schlüssel des Issuers ließen sich nicht abrufen (%1).</translation>
    </message>
    <message>
        <source>The minted cases did not run: the issuer %1 does not publish the TokenLab sandbox key (kid %2), so it is not a sandbox of this machine&apos;s TokenLab.</source>
        <translation>Die geprägten Fälle liefen nicht: Der Issuer %1 veröffentlicht den Sandbox-Schlüssel von TokenLab nicht (kid %2), ist also keine Sandbox des TokenLab auf diesem Rechner.</translation>
    </message>
    <message>
        <source>narrow</source>
        <extracomment>A token&apos;s role in &quot;The %1 token was not used: ...&quot;; where the language needs it, translate it with the word &quot;token&quot; and the pattern without: the token that lacks the scope.</extracomment>
        <translation>engere Token</translation>
    </message>
    <message>
        <source>other-audience</source>
        <extracomment>A token&apos;s role in &quot;The %1 token was not used: ...&quot;; where the language needs it, translate it with the word &quot;token&quot; and the pattern without: the token for another audience.</extracomment>
        <translation>Token für eine andere Audience</translation>
    </message>
    <message>
        <source>expired</source>
        <extracomment>A token&apos;s role in &quot;The %1 token was not used: ...&quot;; where the language needs it, translate it with the word &quot;token&quot; and the pattern without: the expired token.</extracomment>
        <translation>abgelaufene Token</translation>
    </message>
</context>
<context>
    <name>ProbeReport</name>
    <message>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source>without a WWW-Authenticate challenge (RFC 9110 11.6.1 requires one with a 401; RFC 6750 3 gives the Bearer form)</source>
        <translation>ohne WWW-Authenticate-Challenge (RFC 9110 11.6.1 verlangt eine bei 401; RFC 6750 3 gibt die Bearer-Form vor)</translation>
    </message>
    <message>
        <source>without a DPoP or Bearer challenge (RFC 9449 7.1)</source>
        <translation>ohne DPoP- oder Bearer-Challenge (RFC 9449 7.1)</translation>
    </message>
    <message>
        <source>without a Bearer challenge (RFC 6750 3)</source>
        <translation>ohne Bearer-Challenge (RFC 6750 3)</translation>
    </message>
    <message>
        <source>with a %1 challenge that has no error; %2 says error=&quot;%3&quot; here</source>
        <translation>mit einer %1-Challenge ohne error; %2 verlangt hier error=&quot;%3&quot;</translation>
    </message>
    <message>
        <source>with error=&quot;%1&quot; where %2 says error=&quot;%3&quot;</source>
        <translation>mit error=&quot;%1&quot;, wo %2 error=&quot;%3&quot; verlangt</translation>
    </message>
    <message>
        <source>403 with error=&quot;insufficient_scope&quot;</source>
        <translation>403 mit error=&quot;insufficient_scope&quot;</translation>
    </message>
    <message>
        <source>401 with error=&quot;%1&quot;</source>
        <translation>401 mit error=&quot;%1&quot;</translation>
    </message>
    <message>
        <source>Answered %1 to %2: %3. A secure API answers %4.</source>
        <translation>Antwort %1 auf „%2“: %3. Eine sichere API antwortet %4.</translation>
    </message>
    <message>
        <source>Answered 403 as expected, but without error=&quot;insufficient_scope&quot; in a Bearer challenge (RFC 6750 3.1), so a client cannot tell which scope to ask for.</source>
        <translation>Antwort 403 wie erwartet, aber ohne error=&quot;insufficient_scope&quot; in einer Bearer-Challenge (RFC 6750 3.1), also kann ein Client nicht erkennen, welchen Scope er anfordern soll.</translation>
    </message>
    <message>
        <source>Answered 401 to %1: a refusal, but a valid token without the scope is 403 insufficient_scope (RFC 6750 3.1); a 401 sends clients to log in again in vain.</source>
        <translation>Antwort 401 auf „%1“: eine Ablehnung, aber ein gültiges Token ohne den Scope ist 403 insufficient_scope (RFC 6750 3.1); eine 401 schickt Clients vergeblich zur erneuten Anmeldung.</translation>
    </message>
    <message>
        <source>Answered %1 as expected, but %2.</source>
        <translation>Antwort %1 wie erwartet, aber %2.</translation>
    </message>
    <message>
        <source>Answered 400 to %1: a refusal, but 401 with error=&quot;invalid_token&quot; is usual; 400 is for a malformed request (RFC 6750 3.1).</source>
        <translation>Antwort 400 auf „%1“: eine Ablehnung, aber üblich ist 401 mit error=&quot;invalid_token&quot;; 400 gilt einer fehlerhaften Anfrage (RFC 6750 3.1).</translation>
    </message>
    <message>
        <source>Answered 403 to %1: a refusal, but a token that fails validation is 401 invalid_token (RFC 6750 3.1); 403 means a valid token without the scope.</source>
        <translation>Antwort 403 auf „%1“: eine Ablehnung, aber ein Token, das die Prüfung nicht besteht, ist 401 invalid_token (RFC 6750 3.1); 403 bedeutet ein gültiges Token ohne den Scope.</translation>
    </message>
    <message>
        <source>Answered %1 to %2: the API failed instead of refusing; the token reached code that did not expect it. A secure API answers %3.</source>
        <translation>Antwort %1 auf „%2“: Die API ist gescheitert, statt abzulehnen; das Token erreichte Code, der es nicht erwartete. Eine sichere API antwortet %3.</translation>
    </message>
    <message>
        <source>Answered %1 to %2, where %3 was expected.</source>
        <translation>Antwort %1 auf „%2“, wo %3 erwartet war.</translation>
    </message>
    <message>
        <source>%1 passed</source>
        <translation>%1 bestanden</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 Warnung</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 Warnungen</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 not run</source>
        <translation>%1 nicht gelaufen</translation>
    </message>
    <message>
        <source>No answer to %1: %2</source>
        <translation>Keine Antwort auf „%1“: %2</translation>
    </message>
    <message>
        <source>No answer to %1 (%2): a refusal of sorts, but a secure API answers %3.</source>
        <translation>Keine Antwort auf „%1“ (%2): eine Art Ablehnung, aber eine sichere API antwortet %3.</translation>
    </message>
    <message>
        <source>Answered %1: %2.</source>
        <translation>Antwort %1: %2.</translation>
    </message>
    <message>
        <source>Answered %1: the API does not take this claim as scopes.</source>
        <translation>Antwort %1: Die API nimmt diesen Claim nicht als Scopes.</translation>
    </message>
    <message>
        <source>Answered %1 to %2: %3.%4</source>
        <translation>Antwort %1 auf „%2“: %3.%4</translation>
    </message>
</context>
<context>
    <name>ProbeRunner</name>
    <message>
        <source>Sent over a socket of TokenLab&apos;s own, with both Authorization header fields as given.</source>
        <translation>Über einen eigenen Socket von TokenLab gesendet, mit beiden Authorization-Header-Feldern wie angegeben.</translation>
    </message>
    <message>
        <source>The API fetched the key at %1 (%2 time(s)): it follows URLs the token names.</source>
        <translation>Die API hat den Schlüssel unter %1 abgerufen (%2-mal): Sie folgt URLs, die das Token nennt.</translation>
    </message>
    <message>
        <source>The API did not fetch the key the token points at.</source>
        <translation>Die API hat den Schlüssel, auf den das Token zeigt, nicht abgerufen.</translation>
    </message>
    <message>
        <source>The key the token points at is on this machine&apos;s 127.0.0.1, which an API on %1 cannot reach: whether it would fetch one is not known.</source>
        <translation>Der Schlüssel, auf den das Token zeigt, liegt auf 127.0.0.1 dieses Rechners, das eine API auf %1 nicht erreicht: Ob sie einen abrufen würde, ist nicht bekannt.</translation>
    </message>
    <message>
        <source>The API refused the valid minted token on this endpoint, so it does not trust the sandbox key; this case says nothing.</source>
        <translation>Die API hat das gültige geprägte Token an diesem Endpunkt abgelehnt, vertraut also dem Sandbox-Schlüssel nicht; dieser Fall sagt nichts aus.</translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <source>Name: use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.</source>
        <translation>Name: Verwenden Sie 1 bis 64 Buchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche, beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>Issuer: &quot;%1&quot; is not an http(s) URL.</source>
        <translation>Issuer: „%1“ ist keine http(s)-URL.</translation>
    </message>
    <message>
        <source>Client ID: it is empty; copy it from the application&apos;s settings at the authorization server.</source>
        <translation>Client-ID: Sie ist leer; kopieren Sie sie aus den Einstellungen der Anwendung beim Autorisierungsserver.</translation>
    </message>
    <message>
        <source>Scope: quotes and backslashes are not allowed in scope values (RFC 6749 3.3).</source>
        <translation>Scope: Anführungszeichen und Backslashes sind in Scope-Werten nicht erlaubt (RFC 6749 3.3).</translation>
    </message>
    <message>
        <source>Redirect host: &quot;%1&quot; is not a loopback address; use 127.0.0.1, ::1 or localhost (RFC 8252 7.3).</source>
        <translation>Weiterleitungs-Host: „%1“ ist keine Loopback-Adresse; verwenden Sie 127.0.0.1, ::1 oder localhost (RFC 8252 7.3).</translation>
    </message>
    <message>
        <source>Redirect path: &quot;%1&quot; must start with a slash.</source>
        <translation>Weiterleitungs-Pfad: „%1“ muss mit einem Schrägstrich beginnen.</translation>
    </message>
    <message>
        <source>API base URL: &quot;%1&quot; is not an http(s) URL.</source>
        <translation>API-Basis-URL: „%1“ ist keine http(s)-URL.</translation>
    </message>
    <message>
        <source>API path: &quot;%1&quot; must start with a slash.</source>
        <translation>API-Pfad: „%1“ muss mit einem Schrägstrich beginnen.</translation>
    </message>
    <message>
        <source>Sign-in: a machine-to-machine profile has no user to sign in on another device (RFC 8628); turn the device login off.</source>
        <translation>Anmeldung: Ein Machine-to-Machine-Profil hat keinen Benutzer, der sich auf einem anderen Gerät anmelden könnte (RFC 8628); schalten Sie die Geräteanmeldung aus.</translation>
    </message>
    <message>
        <source>Resource: &quot;%1&quot; must be an absolute URI (RFC 8707 2).</source>
        <translation>Ressource: „%1“ muss eine absolute URI sein (RFC 8707 2).</translation>
    </message>
    <message>
        <source>Allowed algorithms: &quot;%1&quot; is not one TokenLab verifies (%2).</source>
        <translation>Erlaubte Algorithmen: „%1“ ist keiner, den TokenLab verifiziert (%2).</translation>
    </message>
    <message>
        <source>Refresh before expiry: %1 s is not between 0 and 3600.</source>
        <translation>Erneuern vor Ablauf: %1 s liegt nicht zwischen 0 und 3600.</translation>
    </message>
    <message>
        <source>Audience: a machine-to-machine profile needs the API identifier it asks a token for.</source>
        <translation>Audience: Ein Machine-to-Machine-Profil braucht die API-Kennung, für die es ein Token anfordert.</translation>
    </message>
    <message>
        <source>Extra parameter: a parameter has no name.</source>
        <translation>Zusätzlicher Parameter: Ein Parameter hat keinen Namen.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot;: redirect port %2 is out of range 0-65535.</source>
        <translation>Profil „%1“: Weiterleitungs-Port %2 liegt außerhalb des Bereichs 0–65535.</translation>
    </message>
    <message>
        <source>Domain: &quot;%1&quot; is not a host name like example.eu.auth0.com.</source>
        <translation>Domain: „%1“ ist kein Hostname wie example.eu.auth0.com.</translation>
    </message>
</context>
<context>
    <name>ProfileAddCommand</name>
    <message>
        <source>Add or replace a profile (--issuer URL | --domain HOST, --client-id ID)</source>
        <translation>Ein Profil hinzufügen oder ersetzen (--issuer URL | --domain HOST, --client-id ID)</translation>
    </message>
    <message>
        <source>Add a profile, or replace the one with the same NAME.</source>
        <translation>Fügt ein Profil hinzu oder ersetzt das mit demselben NAME.</translation>
    </message>
    <message>
        <source>Profile name (letters, digits, . _ -).</source>
        <translation>Profilname (Buchstaben, Ziffern, . _ -).</translation>
    </message>
    <message>
        <source>The issuer URL (https://…/).</source>
        <translation>Die Issuer-URL (https://…/).</translation>
    </message>
    <message>
        <source>An Auth0 domain; the issuer becomes https://HOST/.</source>
        <translation>Eine Auth0-Domain; der Issuer wird https://HOST/.</translation>
    </message>
    <message>
        <source>The application&apos;s client ID.</source>
        <translation>Die Client-ID der Anwendung.</translation>
    </message>
    <message>
        <source>The API identifier, sent as audience (Auth0).</source>
        <translation>Die API-Kennung, als audience gesendet (Auth0).</translation>
    </message>
    <message>
        <source>A resource indicator (RFC 8707).</source>
        <translation>Ein Resource Indicator (RFC 8707).</translation>
    </message>
    <message>
        <source>Scopes to request (default &quot;openid profile email&quot;).</source>
        <translation>Anzufordernde Scopes (Standard „openid profile email“).</translation>
    </message>
    <message>
        <source>Base URL of the API to call.</source>
        <translation>Basis-URL der aufzurufenden API.</translation>
    </message>
    <message>
        <source>Fixed loopback port for the redirect (0: a free one).</source>
        <translation>Fester Loopback-Port für die Weiterleitung (0: ein freier).</translation>
    </message>
    <message>
        <source>127.0.0.1 (default), ::1 or localhost.</source>
        <translation>127.0.0.1 (Standard), ::1 oder localhost.</translation>
    </message>
    <message>
        <source>An extra authorize parameter; repeatable.</source>
        <translation>Ein zusätzlicher authorize-Parameter; wiederholbar.</translation>
    </message>
    <message>
        <source>A signature algorithm the inspector accepts (default: what the issuer advertises); repeatable.</source>
        <translation>Ein Signaturalgorithmus, den der Inspektor akzeptiert (Standard: was der Issuer angibt); wiederholbar.</translation>
    </message>
    <message>
        <source>authorization-code (default) or client-credentials (machine to machine).</source>
        <translation>authorization-code (Standard) oder client-credentials (Machine to Machine).</translation>
    </message>
    <message>
        <source>Client credentials: read the client secret from stdin (kept in the keychain only).</source>
        <translation>Client Credentials: das Client-Secret von stdin lesen (nur im Schlüsselbund aufbewahrt).</translation>
    </message>
    <message>
        <source>Client credentials: read the client secret from this environment variable.</source>
        <translation>Client Credentials: das Client-Secret aus dieser Umgebungsvariablen lesen.</translation>
    </message>
    <message>
        <source>client_secret_post (default for client credentials), client_secret_basic, or private_key_jwt (a key in the keychain signs each request; also makes a code-flow profile a confidential client).</source>
        <translation>client_secret_post (Standard bei Client Credentials), client_secret_basic oder private_key_jwt (ein Schlüssel im Schlüsselbund signiert jede Anfrage; macht auch ein Code-Flow-Profil zu einem vertraulichen Client).</translation>
    </message>
    <message>
        <source>private_key_jwt: the assertion&apos;s audience, issuer (default) or token-endpoint.</source>
        <translation>private_key_jwt: die Audience der Assertion, issuer (Standard) oder token-endpoint.</translation>
    </message>
    <message>
        <source>private_key_jwt: keep this PKCS#8 PEM private key as the client key (default: make one).</source>
        <translation>private_key_jwt: diesen privaten PKCS#8-PEM-Schlüssel als Client-Schlüssel behalten (Standard: einen erzeugen).</translation>
    </message>
    <message>
        <source>Bind tokens to a DPoP proof key (RFC 9449); the key lives in the keychain.</source>
        <translation>Tokens an einen DPoP-Proof-Schlüssel binden (RFC 9449); der Schlüssel lebt im Schlüsselbund.</translation>
    </message>
    <message>
        <source>Always push the authorization request (PAR, RFC 9126), not only when the issuer requires it.</source>
        <translation>Die Autorisierungsanfrage immer übertragen (PAR, RFC 9126), nicht nur, wenn der Issuer es verlangt.</translation>
    </message>
    <message>
        <source>Log in on another device (device authorization grant, RFC 8628) rather than through a browser here.</source>
        <translation>Auf einem anderen Gerät anmelden (Device Authorization Grant, RFC 8628) statt hier über einen Browser.</translation>
    </message>
    <message>
        <source>Refresh this many seconds before expiry (default 60).</source>
        <translation>So viele Sekunden vor Ablauf erneuern (Standard 60).</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: give exactly one profile NAME.</source>
        <translation>tokenlab-cli profile add: Geben Sie genau einen Profil-NAME an.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: give either --issuer URL or --domain HOST.</source>
        <translation>tokenlab-cli profile add: Geben Sie entweder --issuer URL oder --domain HOST an.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: Redirect port: &quot;%1&quot; is not a port number from 0 to 65535.</source>
        <translation>tokenlab-cli profile add: Weiterleitungs-Port: „%1“ ist keine Portnummer von 0 bis 65535.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: --grant must be authorization-code or client-credentials.</source>
        <translation>tokenlab-cli profile add: --grant muss authorization-code oder client-credentials sein.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: --client-auth must be client_secret_post, client_secret_basic or private_key_jwt.</source>
        <translation>tokenlab-cli profile add: --client-auth muss client_secret_post, client_secret_basic oder private_key_jwt sein.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: a code-flow profile is a public client, or a confidential one with --client-auth private_key_jwt; a client secret goes with --grant client-credentials only.</source>
        <translation>tokenlab-cli profile add: Ein Code-Flow-Profil ist ein öffentlicher Client, oder mit --client-auth private_key_jwt ein vertraulicher; ein Client-Secret gehört nur zu --grant client-credentials.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: --assertion-aud must be issuer or token-endpoint.</source>
        <translation>tokenlab-cli profile add: --assertion-aud muss issuer oder token-endpoint sein.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: --assertion-aud and --client-key go with --client-auth private_key_jwt.</source>
        <translation>tokenlab-cli profile add: --assertion-aud und --client-key gehören zu --client-auth private_key_jwt.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: cannot read %1: %2</source>
        <translation>tokenlab-cli profile add: %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: a client-credentials profile needs its secret from --client-secret-stdin or --client-secret-env VAR (never on the command line).</source>
        <translation>tokenlab-cli profile add: Ein Client-Credentials-Profil braucht sein Secret aus --client-secret-stdin oder --client-secret-env VAR (nie auf der Kommandozeile).</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: the client secret is empty.</source>
        <translation>tokenlab-cli profile add: Das Client-Secret ist leer.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: --param &quot;%1&quot; is not KEY=VALUE.</source>
        <translation>tokenlab-cli profile add: --param „%1“ ist nicht KEY=VALUE.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: the client secret could not be kept: %1</source>
        <translation>tokenlab-cli profile add: Das Client-Secret konnte nicht aufbewahrt werden: %1</translation>
    </message>
    <message>
        <source>Kept the client secret in %1.</source>
        <translation>Das Client-Secret wurde aufbewahrt: %1.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile add: the client key could not be kept: %1</source>
        <translation>tokenlab-cli profile add: Der Client-Schlüssel konnte nicht aufbewahrt werden: %1</translation>
    </message>
    <message>
        <source>Made a client key for %1; it is in the keychain. Register the public key above at the issuer (again: tokenlab-cli profile key %2).</source>
        <translation>Für %1 wurde ein Client-Schlüssel erzeugt; er liegt im Schlüsselbund. Registrieren Sie den öffentlichen Schlüssel oben beim Issuer (erneut: tokenlab-cli profile key %2).</translation>
    </message>
    <message>
        <source>The client key of %1 is in the keychain; register the public key above at the issuer (again: tokenlab-cli profile key %2).</source>
        <translation>Der Client-Schlüssel von %1 liegt im Schlüsselbund; registrieren Sie den öffentlichen Schlüssel oben beim Issuer (erneut: tokenlab-cli profile key %2).</translation>
    </message>
</context>
<context>
    <name>ProfileDiscoverCommand</name>
    <message>
        <source>Make a profile from an API URL (RFC 9728 metadata, discovery, registration)</source>
        <translation>Ein Profil aus einer API-URL erstellen (RFC-9728-Metadaten, Discovery, Registrierung)</translation>
    </message>
    <message>
        <source>Call URL without a token, read the API&apos;s protected resource metadata (from the 401&apos;s resource_metadata, or /.well-known/oauth-protected-resource), read its authorization server&apos;s metadata (RFC 8414, then OpenID discovery), and register TokenLab there as a native public client (RFC 7591) when you agree, or use --client-id. Prints every step; saves the profile NAME, with the API as its RFC 8707 resource, only when everything succeeded. A registration access token is kept in the keychain. Without --register or --client-id it asks on the terminal before registering, and refuses when there is no terminal.</source>
        <translation>Ruft URL ohne Token auf, liest die Protected-Resource-Metadaten der API (aus resource_metadata der 401 oder /.well-known/oauth-protected-resource), liest die Metadaten ihres Autorisierungsservers (RFC 8414, dann OpenID Discovery) und registriert TokenLab dort als nativen öffentlichen Client (RFC 7591), wenn Sie zustimmen, oder verwendet --client-id. Gibt jeden Schritt aus; speichert das Profil NAME, mit der API als seiner RFC-8707-Ressource, nur wenn alles gelungen ist. Ein Registration Access Token wird im Schlüsselbund aufbewahrt. Ohne --register oder --client-id fragt es vor dem Registrieren auf dem Terminal und lehnt ab, wenn es kein Terminal gibt.</translation>
    </message>
    <message>
        <source>Profile name (letters, digits, . _ -).</source>
        <translation>Profilname (Buchstaben, Ziffern, . _ -).</translation>
    </message>
    <message>
        <source>An API URL that wants a token, e.g. https://api.example.com/v1/things</source>
        <translation>Eine API-URL, die ein Token will, z. B. https://api.example.com/v1/things</translation>
    </message>
    <message>
        <source>Register TokenLab at the authorization server (RFC 7591) without asking.</source>
        <translation>TokenLab ohne Nachfrage beim Autorisierungsserver registrieren (RFC 7591).</translation>
    </message>
    <message>
        <source>Use this existing client instead of registering.</source>
        <translation>Diesen vorhandenen Client verwenden, statt zu registrieren.</translation>
    </message>
    <message>
        <source>Print the saved profile as JSON on stdout; the steps go to stderr.</source>
        <translation>Das gespeicherte Profil als JSON auf stdout ausgeben; die Schritte gehen nach stderr.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile discover: give a profile NAME and an API URL.</source>
        <translation>tokenlab-cli profile discover: Geben Sie einen Profil-NAME und eine API-URL an.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile discover: give --register or --client-id, not both.</source>
        <translation>tokenlab-cli profile discover: Geben Sie --register oder --client-id an, nicht beides.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile discover: &quot;%1&quot; is not a URL.</source>
        <translation>tokenlab-cli profile discover: „%1“ ist keine URL.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile discover: there is no terminal to ask whether TokenLab may register itself; give --register to agree, or --client-id ID to use a client you registered.</source>
        <translation>tokenlab-cli profile discover: Es gibt kein Terminal, um zu fragen, ob sich TokenLab registrieren darf; geben Sie --register an, um zuzustimmen, oder --client-id ID, um einen von Ihnen registrierten Client zu verwenden.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile discover: a profile named %1 exists already; choose another name, or remove it first with &quot;profile remove&quot;.</source>
        <translation>tokenlab-cli profile discover: Ein Profil namens %1 gibt es bereits; wählen Sie einen anderen Namen oder entfernen Sie es zuerst mit „profile remove“.</translation>
    </message>
    <message>
        <source>Register TokenLab as a public client at %1 (the authorization server %2)? [y/N] </source>
        <translation>TokenLab als öffentlichen Client bei %1 registrieren (der Autorisierungsserver %2)? [y/N] </translation>
    </message>
    <message>
        <source>Saved the profile %1. Log in with: tokenlab-cli login --profile %2</source>
        <translation>Das Profil %1 wurde gespeichert. Anmelden mit: tokenlab-cli login --profile %2</translation>
    </message>
</context>
<context>
    <name>ProfileDiscovery</name>
    <message>
        <source>Calling %1 without a token.</source>
        <translation>%1 wird ohne Token aufgerufen.</translation>
    </message>
    <message>
        <source>The API answered HTTP 401 and names its protected resource metadata: %1.</source>
        <translation>Die API antwortete mit HTTP 401 und nennt ihre Protected-Resource-Metadaten: %1.</translation>
    </message>
    <message>
        <source>The API answered HTTP 401 without resource_metadata; trying the well-known address (RFC 9728 3.1).</source>
        <translation>Die API antwortete mit HTTP 401 ohne resource_metadata; die Well-known-Adresse wird versucht (RFC 9728 3.1).</translation>
    </message>
    <message>
        <source>The API answered %1, not HTTP 401 with a challenge; trying the well-known address (RFC 9728 3.1).</source>
        <translation>Die API antwortete %1, nicht HTTP 401 mit einer Challenge; die Well-known-Adresse wird versucht (RFC 9728 3.1).</translation>
    </message>
    <message>
        <source>%1 answered HTTP 404; trying %2.</source>
        <translation>%1 antwortete mit HTTP 404; %2 wird versucht.</translation>
    </message>
    <message>
        <source>The resource is %1; its authorization server: %2; its scopes: %3.</source>
        <translation>Die Ressource ist %1; ihr Autorisierungsserver: %2; ihre Scopes: %3.</translation>
    </message>
    <message>
        <source>none named</source>
        <translation>keine genannt</translation>
    </message>
    <message>
        <source>It names %1 authorization servers; TokenLab uses the first.</source>
        <translation>Sie nennt %1 Autorisierungsserver; TokenLab verwendet den ersten.</translation>
    </message>
    <message>
        <source>Reading the metadata of %1 (RFC 8414, then OpenID discovery).</source>
        <translation>Die Metadaten von %1 werden gelesen (RFC 8414, dann OpenID Discovery).</translation>
    </message>
    <message>
        <source>Found %1 metadata: authorization at %2, tokens at %3%4.</source>
        <translation>%1-Metadaten gefunden: Autorisierung bei %2, Tokens bei %3%4.</translation>
    </message>
    <message>
        <source>RFC 8414</source>
        <translation>RFC 8414</translation>
    </message>
    <message>
        <source>OpenID</source>
        <translation>OpenID</translation>
    </message>
    <message>
        <source>, registration at %1</source>
        <translation>, Registrierung bei %1</translation>
    </message>
    <message>
        <source>Using the client ID %1; not registering.</source>
        <translation>Die Client-ID %1 wird verwendet; keine Registrierung.</translation>
    </message>
    <message>
        <source>Waiting for consent to register TokenLab at %1.</source>
        <translation>Warten auf die Zustimmung, TokenLab bei %1 zu registrieren.</translation>
    </message>
    <message>
        <source>Registering TokenLab as a native public client at %1.</source>
        <translation>TokenLab wird als nativer öffentlicher Client bei %1 registriert.</translation>
    </message>
    <message>
        <source>Registered: the client ID is %1.</source>
        <translation>Registriert: Die Client-ID ist %1.</translation>
    </message>
    <message>
        <source>Registered: the client ID is %1; its registration access token will be kept in the keychain.</source>
        <translation>Registriert: Die Client-ID ist %1; ihr Registration Access Token wird im Schlüsselbund aufbewahrt.</translation>
    </message>
    <message>
        <source>The profile %1 is ready: issuer %2, client %3, resource %4, scope &quot;%5&quot;.</source>
        <translation>Das Profil %1 ist bereit: Issuer %2, Client %3, Ressource %4, Scope „%5“.</translation>
    </message>
    <message>
        <source>no HTTP status</source>
        <translation>kein HTTP-Status</translation>
    </message>
    <message>
        <source>The API&apos;s challenge names resource_metadata &quot;%1&quot;, which is not an https URL (or http on a loopback address).</source>
        <translation>Die Challenge der API nennt resource_metadata „%1“, was keine https-URL ist (oder http auf einer Loopback-Adresse).</translation>
    </message>
    <message>
        <source>The authorization server %1 offers no dynamic client registration (no usable &quot;registration_endpoint&quot;); register a client there yourself and give its client ID.</source>
        <translation>Der Autorisierungsserver %1 bietet keine dynamische Client-Registrierung an (kein verwendbarer „registration_endpoint“); registrieren Sie dort selbst einen Client und geben Sie seine Client-ID an.</translation>
    </message>
    <message>
        <source>The authorization server %1 names a registration endpoint on another origin (%2); TokenLab registers only at the issuer&apos;s own origin. Register a client yourself and give its client ID.</source>
        <translation>Der Autorisierungsserver %1 nennt einen Registrierungs-Endpunkt auf einem anderen Ursprung (%2); TokenLab registriert sich nur am eigenen Ursprung des Issuers. Registrieren Sie selbst einen Client und geben Sie seine Client-ID an.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an https URL (http is allowed only on loopback addresses).</source>
        <translation>„%1“ ist keine https-URL (http ist nur auf Loopback-Adressen erlaubt).</translation>
    </message>
    <message>
        <source>The client ID is empty; give the ID of a client registered at the API&apos;s authorization server.</source>
        <translation>Die Client-ID ist leer; geben Sie die ID eines Clients an, der beim Autorisierungsserver der API registriert ist.</translation>
    </message>
    <message>
        <source>%1 answered with more than %2 bytes; it is not read.</source>
        <translation>%1 antwortete mit mehr als %2 Bytes; die Antwort wird nicht gelesen.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The protected resource metadata at %1 answered %2.</source>
        <translation>Die Protected-Resource-Metadaten unter %1 antworteten %2.</translation>
    </message>
    <message>
        <source>The API publishes no protected resource metadata (%1 answered %2); it does not say where to log in, so make the profile by hand with its issuer and client ID.</source>
        <translation>Die API veröffentlicht keine Protected-Resource-Metadaten (%1 antwortete %2); sie sagt nicht, wo man sich anmeldet, also legen Sie das Profil von Hand mit seinem Issuer und seiner Client-ID an.</translation>
    </message>
    <message>
        <source>The authorization server %1 named by the API: %2</source>
        <translation>Der von der API genannte Autorisierungsserver %1: %2</translation>
    </message>
    <message>
        <source>TokenLab did not register at %1 because you declined; give the ID of a client you registered yourself instead.</source>
        <translation>TokenLab hat sich nicht bei %1 registriert, weil Sie abgelehnt haben; geben Sie stattdessen die ID eines selbst registrierten Clients an.</translation>
    </message>
    <message>
        <source>The registration endpoint %1 answered with more than %2 bytes; it is not read.</source>
        <translation>Der Registrierungs-Endpunkt %1 antwortete mit mehr als %2 Bytes; die Antwort wird nicht gelesen.</translation>
    </message>
    <message>
        <source>Could not register at %1: %2</source>
        <translation>Registrierung bei %1 nicht möglich: %2</translation>
    </message>
    <message>
        <source>The discovered profile is not valid: %1</source>
        <translation>Das ermittelte Profil ist nicht gültig: %1</translation>
    </message>
    <message>
        <source>A profile named %1 exists already; choose another name or remove that profile first.</source>
        <translation>Ein Profil namens %1 gibt es bereits; wählen Sie einen anderen Namen oder entfernen Sie zuerst dieses Profil.</translation>
    </message>
    <message>
        <source>The registration access token could not be kept in the keychain, so the profile was not saved: %1</source>
        <translation>Das Registration Access Token konnte nicht im Schlüsselbund aufbewahrt werden, daher wurde das Profil nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>its protected resource metadata</source>
        <translation>ihre Protected-Resource-Metadaten</translation>
    </message>
    <message>
        <source>The API at %1 names %2 at %3, a loopback address on this machine; TokenLab follows loopback addresses only for an API that is itself on one.</source>
        <translation>Die API unter %1 nennt %2 unter %3, einer Loopback-Adresse auf diesem Rechner; TokenLab folgt Loopback-Adressen nur bei einer API, die selbst auf einer liegt.</translation>
    </message>
    <message>
        <source>Warning: the metadata names the resource %1, wider than the API at %2; RFC 9728 3.3 asks for the very URL. TokenLab uses it because it is on the same origin and the API lies under it, as with an API that publishes one document for all its paths: the profile&apos;s tokens will be meant for all of %1.</source>
        <translation>Warnung: Die Metadaten nennen die Ressource %1, weiter als die API unter %2; RFC 9728 3.3 verlangt genau die URL. TokenLab verwendet sie, weil sie auf demselben Ursprung liegt und die API darunter, wie bei einer API, die ein Dokument für alle ihre Pfade veröffentlicht: Die Tokens des Profils werden für ganz %1 bestimmt sein.</translation>
    </message>
    <message>
        <source>its authorization server</source>
        <translation>ihren Autorisierungsserver</translation>
    </message>
    <message>
        <source>Using the client %1 that TokenLab registered at %2 in the run before; not registering again.</source>
        <translation>Der Client %1, den TokenLab im vorigen Lauf bei %2 registriert hat, wird verwendet; keine erneute Registrierung.</translation>
    </message>
    <message>
        <source>The registration access token could not be kept in the keychain, and the profile %1, saved a moment before, could not be removed again (%2); remove it with tokenlab-cli profile remove %1.</source>
        <translation>Das Registration Access Token konnte nicht im Schlüsselbund aufbewahrt werden, und das Profil %1, einen Moment zuvor gespeichert, konnte nicht wieder entfernt werden (%2); entfernen Sie es mit tokenlab-cli profile remove %1.</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>Copy public key</source>
        <translation>Public Key kopieren</translation>
    </message>
    <message>
        <source>Import key…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Bind tokens to a proof key (DPoP, RFC 9449)</source>
        <translation>Tokens an einen Proof-Schlüssel binden (DPoP, RFC 9449)</translation>
    </message>
    <message>
        <source>Always push the authorization request (PAR, RFC 9126)</source>
        <translation>Die Autorisierungsanfrage immer übertragen (PAR, RFC 9126)</translation>
    </message>
    <message>
        <source>Log in on another device (device flow, RFC 8628)</source>
        <translation>Auf einem anderen Gerät anmelden (Device-Flow, RFC 8628)</translation>
    </message>
    <message>
        <source>How the client proves who it is at the token endpoint. private_key_jwt signs each request with a key kept in the keychain; with the authorization code grant it makes the profile a confidential client.</source>
        <translation>Wie der Client am Token-Endpunkt beweist, wer er ist. private_key_jwt signiert jede Anfrage mit einem Schlüssel aus dem Schlüsselbund; mit dem Autorisierungscode-Grant macht es das Profil zu einem vertraulichen Client.</translation>
    </message>
    <message>
        <source>aud: the issuer</source>
        <translation>aud: Issuer</translation>
    </message>
    <message>
        <source>aud: the token endpoint</source>
        <translation>aud: Token-Endpunkt</translation>
    </message>
    <message>
        <source>The audience of each client assertion: the issuer identifier (Auth0, RFC 7523bis) or the token endpoint URL (Okta).</source>
        <translation>Die Audience jeder Client-Assertion: die Issuer-Kennung (Auth0, RFC 7523bis) oder die URL des Token-Endpunkts (Okta).</translation>
    </message>
    <message>
        <source>Copy the public JWK of the profile&apos;s client key (made on first use, kept in the keychain) to register it at the issuer.</source>
        <translation>Den öffentlichen JWK des Client-Schlüssels des Profils kopieren (bei der ersten Verwendung erzeugt, im Schlüsselbund aufbewahrt), um ihn beim Issuer zu registrieren.</translation>
    </message>
    <message>
        <source>Keep an existing private key (PKCS#8 PEM, RSA or EC) as the profile&apos;s client key, for a client already registered at the issuer with its public half. The file is read once; the key lives in the keychain only.</source>
        <translation>Einen vorhandenen privaten Schlüssel (PKCS#8 PEM, RSA oder EC) als Client-Schlüssel des Profils behalten, für einen Client, der beim Issuer bereits mit seiner öffentlichen Hälfte registriert ist. Die Datei wird einmal gelesen; der Schlüssel lebt nur im Schlüsselbund.</translation>
    </message>
    <message>
        <source>Every token request and API call carries a proof signed by a key only this profile holds (in the keychain); a stolen token is useless without it.</source>
        <translation>Jede Token-Anfrage und jeder API-Aufruf trägt einen Proof, signiert mit einem Schlüssel, den nur dieses Profil hat (im Schlüsselbund); ein gestohlenes Token ist ohne ihn nutzlos.</translation>
    </message>
    <message>
        <source>POST the authorization parameters to the issuer first; the browser gets only client_id and request_uri. Used anyway when the issuer requires it.</source>
        <translation>Die Autorisierungsparameter zuerst per POST an den Issuer senden; der Browser erhält nur client_id und request_uri. Wird ohnehin verwendet, wenn der Issuer es verlangt.</translation>
    </message>
    <message>
        <source>Log in shows a code to enter on a phone or another computer instead of opening a browser here; for machines without one. The issuer must offer the device flow.</source>
        <translation>Die Anmeldung zeigt einen Code zur Eingabe auf einem Telefon oder einem anderen Computer, statt hier einen Browser zu öffnen; für Rechner ohne Browser. Der Issuer muss den Device-Flow anbieten.</translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation>Client-Schlüssel:</translation>
    </message>
    <message>
        <source>Hardening:</source>
        <translation>Härtung:</translation>
    </message>
    <message>
        <source>Sign-in:</source>
        <translation>Anmeldung:</translation>
    </message>
    <message>
        <source>the Native application&apos;s Client ID</source>
        <translation>die Client-ID der nativen Anwendung</translation>
    </message>
    <message>
        <source>API identifier (Auth0 audience)</source>
        <translation>API-Kennung (Auth0-Audience)</translation>
    </message>
    <message>
        <source>resource indicator (RFC 8707), optional</source>
        <translation>Resource Indicator (RFC 8707), optional</translation>
    </message>
    <message>
        <source>what the issuer advertises, e.g. RS256 ES256</source>
        <translation>was der Issuer angibt, z. B. RS256 ES256</translation>
    </message>
    <message>
        <source>kept in the keychain only; leave empty to keep the stored one</source>
        <translation>nur im Schlüsselbund; leer behält das gespeicherte</translation>
    </message>
    <message>
        <source>one KEY=VALUE per line, e.g. connection=Username-Password-Authentication</source>
        <translation>ein KEY=VALUE pro Zeile, z. B. connection=Username-Password-Authentication</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>Auth0 needs the exact callback URL: pick a fixed port and register http://127.0.0.1:PORT/callback</source>
        <translation>Auth0 braucht die genaue Callback-URL: Wählen Sie einen festen Port und registrieren Sie http://127.0.0.1:PORT/callback</translation>
    </message>
    <message>
        <source>Authorization code + PKCE (a user signs in)</source>
        <translation>Autorisierungscode + PKCE (mit Benutzer)</translation>
    </message>
    <message>
        <source>Client credentials (machine to machine)</source>
        <translation>Client Credentials (Machine to Machine)</translation>
    </message>
    <message>
        <source> s before expiry</source>
        <translation> s vor Ablauf</translation>
    </message>
    <message>
        <source>TokenLab renews the tokens this long before they expire (at most half their lifetime).</source>
        <translation>So lange vor ihrem Ablauf erneuert TokenLab die Tokens (höchstens die Hälfte ihrer Lebensdauer).</translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation>&amp;Client-Secret:</translation>
    </message>
    <message>
        <source>E&amp;xtra parameters:</source>
        <translation>Zus&amp;ätzliche Parameter:</translation>
    </message>
    <message>
        <source>API &amp;base URL:</source>
        <translation>API-&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>API paths:</source>
        <translation>API-Pfade:</translation>
    </message>
    <message>
        <source>Allowed al&amp;gorithms:</source>
        <translation>Erlaubte Al&amp;gorithmen:</translation>
    </message>
    <message>
        <source>Renew to&amp;kens:</source>
        <translation>&amp;Vorzeitig erneuern:</translation>
    </message>
    <message>
        <source>Signature algorithms the token inspector accepts; empty: those the issuer advertises. none and HS* are never accepted.</source>
        <translation>Signaturalgorithmen, die der Token-Inspektor akzeptiert; leer: die, die der Issuer angibt. none und HS* werden nie akzeptiert.</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Pro&amp;filname:</translation>
    </message>
    <message>
        <source>Grant:</source>
        <translation>Grant:</translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation>Issu&amp;er:</translation>
    </message>
    <message>
        <source>Client I&amp;D:</source>
        <translation>C&amp;lient-ID:</translation>
    </message>
    <message>
        <source>A&amp;udience:</source>
        <translation>A&amp;udience:</translation>
    </message>
    <message>
        <source>&amp;Resource:</source>
        <translation>&amp;Ressource:</translation>
    </message>
    <message>
        <source>S&amp;cope:</source>
        <translation>&amp;Scope:</translation>
    </message>
    <message>
        <source>Redirect:</source>
        <translation>Weiterleitung:</translation>
    </message>
</context>
<context>
    <name>ProfileFile</name>
    <message>
        <source>TokenLab cannot read %1: %2.</source>
        <translation>TokenLab kann %1 nicht lesen: %2.</translation>
    </message>
    <message>
        <source>%1 is larger than %2 KiB, more than TokenLab ever writes there; move it away or remove it.</source>
        <translation>%1 ist größer als %2 KiB, mehr als TokenLab dort je schreibt; verschieben oder entfernen Sie die Datei.</translation>
    </message>
    <message>
        <source>TokenLab cannot write %1: %2.</source>
        <translation>TokenLab kann %1 nicht schreiben: %2.</translation>
    </message>
    <message>
        <source>Another TokenLab process has been writing %1 for %2 s; try again.</source>
        <translation>Ein anderer TokenLab-Prozess schreibt seit %2 s in %1; versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <source>Save profile</source>
        <translation>Profil speichern</translation>
    </message>
    <message>
        <source>Save profile (%1)</source>
        <translation>Profil speichern (%1)</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Sandbox tenant on this machine</source>
        <translation>Sandbox-Tenant auf diesem Rechner</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <source>Fill in the issuer (or Auth0 domain) and client ID, then Save.</source>
        <translation>Geben Sie den Issuer (oder die Auth0-Domain) und die Client-ID ein, dann Speichern.</translation>
    </message>
    <message>
        <source>Save the profile first: its client key is kept in the keychain under the saved name.</source>
        <translation>Speichern Sie zuerst das Profil: Sein Client-Schlüssel wird unter dem gespeicherten Namen im Schlüsselbund aufbewahrt.</translation>
    </message>
    <message>
        <source>The client key of %1 could not be read or made: %2</source>
        <translation>Der Client-Schlüssel von %1 konnte nicht gelesen oder erzeugt werden: %2</translation>
    </message>
    <message>
        <source>Made a client key for %1 and copied its public JWK (kid %2); register it at the issuer</source>
        <translation>Für %1 wurde ein Client-Schlüssel erzeugt und sein öffentlicher JWK kopiert (kid %2); registrieren Sie ihn beim Issuer</translation>
    </message>
    <message>
        <source>Copied the public JWK of %1&apos;s client key (kid %2)</source>
        <translation>Der öffentliche JWK des Client-Schlüssels von %1 wurde kopiert (kid %2)</translation>
    </message>
    <message>
        <source>Import a client key for %1</source>
        <translation>Einen Client-Schlüssel für %1 importieren</translation>
    </message>
    <message>
        <source>PEM private keys (*.pem *.key);;All files (*)</source>
        <translation>Private PEM-Schlüssel (*.pem *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The client key of %1 was not imported: %2 cannot be read (%3).</source>
        <translation>Der Client-Schlüssel von %1 wurde nicht importiert: %2 kann nicht gelesen werden (%3).</translation>
    </message>
    <message>
        <source>The client key of %1 was not imported: %2 is larger than %3 KiB, too large for a PEM key.</source>
        <translation>Der Client-Schlüssel von %1 wurde nicht importiert: %2 ist größer als %3 KiB, zu groß für einen PEM-Schlüssel.</translation>
    </message>
    <message>
        <source>The client key of %1 was not imported from %2: %3</source>
        <translation>Der Client-Schlüssel von %1 wurde nicht aus %2 importiert: %3</translation>
    </message>
    <message>
        <source>Kept the key from %1 as the client key of %2 (kid %3) in %4; the file itself is not needed any more</source>
        <translation>Der Schlüssel aus %1 wird als Client-Schlüssel von %2 (kid %3) aufbewahrt (%4); die Datei selbst wird nicht mehr gebraucht</translation>
    </message>
    <message>
        <source>Name: a profile named &quot;%1&quot; exists already.</source>
        <translation>Name: Ein Profil namens „%1“ gibt es bereits.</translation>
    </message>
    <message>
        <source>Not renamed: %1</source>
        <translation>Nicht umbenannt: %1</translation>
    </message>
    <message>
        <source>Moved the %1 of %2 to %3</source>
        <translation>%1 von %2 nach %3 verschoben</translation>
    </message>
    <message>
        <source>Saved profile %1</source>
        <translation>Profil %1 gespeichert</translation>
    </message>
    <message>
        <source>Kept the client secret of %1 in %2</source>
        <translation>Das Client-Secret von %1 wurde aufbewahrt: %2</translation>
    </message>
    <message>
        <source>The client secret of %1 could not be kept: %2</source>
        <translation>Das Client-Secret von %1 konnte nicht aufbewahrt werden: %2</translation>
    </message>
</context>
<context>
    <name>ProfileImportCommand</name>
    <message>
        <source>Import a profile from Postman, Insomnia, Bruno, OpenAPI, an Auth0 auth_config.json or AUTH0_* variables</source>
        <translation>Ein Profil aus Postman, Insomnia, Bruno, OpenAPI, einer Auth0-auth_config.json oder AUTH0_*-Variablen importieren</translation>
    </message>
    <message>
        <source>Import a profile from a Postman collection (v2.1) or environment, an Insomnia export (v4, JSON or YAML), a Bruno collection folder or an OpenAPI 3 document (--from): its OAuth 2.0 settings become the profile, its requests saved requests, its variables profile variables. A client secret and secret variables go to the keychain, never to TokenLab&apos;s files; the preview says which. A file without OAuth 2.0 settings adds its requests and variables to the existing profile NAME. Or import from an Auth0 sample&apos;s auth_config.json, or from AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_AUDIENCE in the environment.</source>
        <translation>Importiert ein Profil aus einer Postman-Sammlung (v2.1) oder -Umgebung, einem Insomnia-Export (v4, JSON oder YAML), einem Bruno-Sammlungsordner oder einem OpenAPI-3-Dokument (--from): Seine OAuth-2.0-Einstellungen werden zum Profil, seine Anfragen zu gespeicherten Anfragen, seine Variablen zu Profilvariablen. Ein Client-Secret und geheime Variablen kommen in den Schlüsselbund, nie in TokenLabs Dateien; die Vorschau sagt, welche. Eine Datei ohne OAuth-2.0-Einstellungen fügt ihre Anfragen und Variablen dem vorhandenen Profil NAME hinzu. Oder Import aus der auth_config.json eines Auth0-Beispiels oder aus AUTH0_DOMAIN, AUTH0_CLIENT_ID und AUTH0_AUDIENCE in der Umgebung.</translation>
    </message>
    <message>
        <source>Profile name.</source>
        <translation>Profilname.</translation>
    </message>
    <message>
        <source>A Postman, Insomnia or OpenAPI file, or a Bruno collection folder.</source>
        <translation>Eine Postman-, Insomnia- oder OpenAPI-Datei oder ein Bruno-Sammlungsordner.</translation>
    </message>
    <message>
        <source>postman, insomnia, bruno or openapi (default: told by the content).</source>
        <translation>postman, insomnia, bruno oder openapi (Standard: am Inhalt erkannt).</translation>
    </message>
    <message>
        <source>The client ID, when the file has none (OpenAPI) or another one.</source>
        <translation>Die Client-ID, wenn die Datei keine (OpenAPI) oder eine andere hat.</translation>
    </message>
    <message>
        <source>The issuer, instead of the one derived from the token URL.</source>
        <translation>Der Issuer, statt des aus der Token-URL abgeleiteten.</translation>
    </message>
    <message>
        <source>The API identifier to ask tokens for, when the file has none or another one.</source>
        <translation>Die API-Kennung, für die Tokens angefordert werden, wenn die Datei keine oder eine andere hat.</translation>
    </message>
    <message>
        <source>Print the preview and save nothing.</source>
        <translation>Die Vorschau ausgeben und nichts speichern.</translation>
    </message>
    <message>
        <source>Path to auth_config.json.</source>
        <translation>Pfad zur auth_config.json.</translation>
    </message>
    <message>
        <source>Read AUTH0_* variables.</source>
        <translation>AUTH0_*-Variablen lesen.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile import: give a NAME and one of --from FILE|FOLDER, --auth-config FILE or --from-env.</source>
        <translation>tokenlab-cli profile import: Geben Sie einen NAME und eines von --from FILE|FOLDER, --auth-config FILE oder --from-env an.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile import: cannot read %1: %2</source>
        <translation>tokenlab-cli profile import: %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Imported profile %1 (%2).</source>
        <translation>Profil %1 importiert (%2).</translation>
    </message>
    <message>
        <source>tokenlab-cli profile import: --format is postman, insomnia, bruno or openapi, not &quot;%1&quot;.</source>
        <translation>tokenlab-cli profile import: --format ist postman, insomnia, bruno oder openapi, nicht „%1“.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile import: the file names no client ID; give the one registered for TokenLab with --client-id.</source>
        <translation>tokenlab-cli profile import: Die Datei nennt keine Client-ID; geben Sie die für TokenLab registrierte mit --client-id an.</translation>
    </message>
    <message>
        <source> In the keychain: %1.</source>
        <translation> Im Schlüsselbund: %1.</translation>
    </message>
</context>
<context>
    <name>ProfileKeyCommand</name>
    <message>
        <source>Print the public key to register for private_key_jwt (made on first use)</source>
        <translation>Den für private_key_jwt zu registrierenden öffentlichen Schlüssel ausgeben (bei der ersten Verwendung erzeugt)</translation>
    </message>
    <message>
        <source>Print the public JWK of the profile&apos;s client key, which signs its client assertions (private_key_jwt, RFC 7523). The key is made on first use (RSA 2048, RS256) and kept in the OS keychain only; register the printed public key at the issuer. --import FILE replaces it with an existing key (PKCS#8 PEM). --dpop prints the DPoP proof key instead (made at the first DPoP login).</source>
        <translation>Gibt den öffentlichen JWK des Client-Schlüssels des Profils aus, der seine Client-Assertions signiert (private_key_jwt, RFC 7523). Der Schlüssel wird bei der ersten Verwendung erzeugt (RSA 2048, RS256) und nur im Schlüsselbund des Systems aufbewahrt; registrieren Sie den ausgegebenen öffentlichen Schlüssel beim Issuer. --import FILE ersetzt ihn durch einen vorhandenen Schlüssel (PKCS#8 PEM). --dpop gibt stattdessen den DPoP-Proof-Schlüssel aus (bei der ersten DPoP-Anmeldung erzeugt).</translation>
    </message>
    <message>
        <source>Profile name.</source>
        <translation>Profilname.</translation>
    </message>
    <message>
        <source>Keep this PKCS#8 PEM private key as the profile&apos;s client key.</source>
        <translation>Diesen privaten PKCS#8-PEM-Schlüssel als Client-Schlüssel des Profils behalten.</translation>
    </message>
    <message>
        <source>The DPoP proof key instead of the client key.</source>
        <translation>Den DPoP-Proof-Schlüssel statt des Client-Schlüssels.</translation>
    </message>
    <message>
        <source>Print a JWK set ({&quot;keys&quot;:[…]}), as jwks fields and files want.</source>
        <translation>Ein JWK-Set ausgeben ({&quot;keys&quot;:[…]}), wie es jwks-Felder und -Dateien wollen.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile key: give exactly one profile NAME.</source>
        <translation>tokenlab-cli profile key: Geben Sie genau einen Profil-NAME an.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile key: --import is for the client key; a DPoP key is TokenLab&apos;s own.</source>
        <translation>tokenlab-cli profile key: --import ist für den Client-Schlüssel; ein DPoP-Schlüssel gehört TokenLab selbst.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile key: there is no profile &quot;%1&quot;.</source>
        <translation>tokenlab-cli profile key: Es gibt kein Profil „%1“.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile key: the profile &quot;%1&quot; does not use private_key_jwt, so it has no client key to register. Add it again with --client-auth private_key_jwt, or give --dpop for its DPoP key.</source>
        <translation>tokenlab-cli profile key: Das Profil „%1“ verwendet kein private_key_jwt und hat daher keinen Client-Schlüssel zu registrieren. Fügen Sie es erneut mit --client-auth private_key_jwt hinzu, oder geben Sie --dpop für seinen DPoP-Schlüssel an.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile key: cannot read %1: %2</source>
        <translation>tokenlab-cli profile key: %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Kept the imported %1 (kid %2) in the keychain.</source>
        <translation>%1 (kid %2) wurde importiert und im Schlüsselbund aufbewahrt.</translation>
    </message>
    <message>
        <source>Made a new %1 for %2 and kept it in the keychain; register this public key at the issuer.</source>
        <translation>Für %2 wurde ein neuer %1 erzeugt und im Schlüsselbund aufbewahrt; registrieren Sie diesen öffentlichen Schlüssel beim Issuer.</translation>
    </message>
</context>
<context>
    <name>ProfileListCommand</name>
    <message>
        <source>List the profiles; * marks the active one</source>
        <translation>Die Profile auflisten; * markiert das aktive</translation>
    </message>
    <message>
        <source>List the profiles with their issuers; * marks the active one.</source>
        <translation>Listet die Profile mit ihren Issuern auf; * markiert das aktive.</translation>
    </message>
    <message>
        <source>(local sandbox tenant)</source>
        <translation>(lokaler Sandbox-Tenant)</translation>
    </message>
</context>
<context>
    <name>ProfileLock</name>
    <message>
        <source>TokenLab cannot create its lock directory %1; check that it is writable.</source>
        <translation>TokenLab kann sein Sperrverzeichnis %1 nicht anlegen; prüfen Sie, ob es beschreibbar ist.</translation>
    </message>
    <message>
        <source>TokenLab cannot write the lock file %1; check the permissions of that directory.</source>
        <translation>TokenLab kann die Sperrdatei %1 nicht schreiben; prüfen Sie die Berechtigungen dieses Verzeichnisses.</translation>
    </message>
    <message>
        <source>Another TokenLab process%1 is still working on the profile &quot;%2&quot; after %3 s; wait for it to finish and try again.</source>
        <translation>Ein anderer TokenLab-Prozess%1 arbeitet nach %3 s noch am Profil „%2“; warten Sie, bis er fertig ist, und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>ProfileNameCommand</name>
    <message>
        <source>tokenlab-cli %1: give exactly one profile NAME.</source>
        <translation>tokenlab-cli %1: Geben Sie genau einen Profil-NAME an.</translation>
    </message>
</context>
<context>
    <name>ProfileRemoveCommand</name>
    <message>
        <source>Remove a profile and delete its tokens and client secret from the keychain.</source>
        <translation>Ein Profil entfernen und seine Tokens und sein Client-Secret aus dem Schlüsselbund löschen.</translation>
    </message>
    <message>
        <source>The profile.</source>
        <translation>Das Profil.</translation>
    </message>
    <message>
        <source>Removed profile %1</source>
        <translation>Profil %1 entfernt</translation>
    </message>
    <message>
        <source>Remove a profile</source>
        <translation>Ein Profil entfernen</translation>
    </message>
</context>
<context>
    <name>ProfileRenameCommand</name>
    <message>
        <source>Rename a profile, with its tokens, keys and saved requests</source>
        <translation>Ein Profil umbenennen, mit seinen Tokens, Schlüsseln und gespeicherten Anfragen</translation>
    </message>
    <message>
        <source>Rename a profile. Its tokens, client secret, DPoP and client keys and secret variables move to the new name in the keychain, and its saved requests and history with them; when the keychain cannot move them, nothing is renamed.</source>
        <translation>Benennt ein Profil um. Seine Tokens, sein Client-Secret, DPoP- und Client-Schlüssel und geheimen Variablen ziehen im Schlüsselbund auf den neuen Namen um, und seine gespeicherten Anfragen und sein Verlauf mit ihnen; wenn der Schlüsselbund sie nicht verschieben kann, wird nichts umbenannt.</translation>
    </message>
    <message>
        <source>The profile.</source>
        <translation>Das Profil.</translation>
    </message>
    <message>
        <source>Its new name.</source>
        <translation>Sein neuer Name.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile rename: give the profile&apos;s NAME and its NEW name.</source>
        <translation>tokenlab-cli profile rename: Geben Sie den NAME des Profils und seinen neuen Namen NEW an.</translation>
    </message>
    <message>
        <source>there is no profile named &quot;%1&quot;; see tokenlab-cli profile list.</source>
        <translation>Es gibt kein Profil namens „%1“; siehe tokenlab-cli profile list.</translation>
    </message>
    <message>
        <source>the sandbox profile is built in: it keeps its name, and no other profile can take it.</source>
        <translation>Das Sandbox-Profil ist eingebaut: Es behält seinen Namen, und kein anderes Profil kann ihn übernehmen.</translation>
    </message>
    <message>
        <source>a profile named &quot;%1&quot; exists already.</source>
        <translation>Ein Profil namens „%1“ gibt es bereits.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile rename: not renamed: %1</source>
        <translation>tokenlab-cli profile rename: nicht umbenannt: %1</translation>
    </message>
    <message>
        <source>Renamed %1 to %2</source>
        <translation>%1 in %2 umbenannt</translation>
    </message>
    <message>
        <source>, with its %1</source>
        <translation>, mit %1</translation>
    </message>
</context>
<context>
    <name>ProfileRenameJob</name>
    <message numerus="yes">
        <source>%n secret variables</source>
        <translation>
            <numerusform>%n geheime Variable</numerusform>
            <numerusform>%n geheime Variablen</numerusform>
        </translation>
    </message>
    <message>
        <source>The secret variable %1 stays under &quot;%2&quot;: %3</source>
        <translation>Die geheime Variable %1 bleibt unter „%2“: %3</translation>
    </message>
    <message>
        <source>saved requests</source>
        <translation>gespeicherte Anfragen</translation>
    </message>
    <message>
        <source>The saved requests stay in %1: they could not be renamed to %2.</source>
        <translation>Die gespeicherten Anfragen bleiben in %1: Sie konnten nicht in %2 umbenannt werden.</translation>
    </message>
    <message>
        <source>history</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>The history stays in %1: it could not be renamed to %2.</source>
        <translation>Der Verlauf bleibt in %1: Er konnte nicht in %2 umbenannt werden.</translation>
    </message>
    <message>
        <source>1 secret variable</source>
        <translation>1 geheime Variable</translation>
    </message>
</context>
<context>
    <name>ProfileSecretsMove</name>
    <message>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>Client-Secret</translation>
    </message>
    <message>
        <source>DPoP key</source>
        <translation>DPoP-Schlüssel</translation>
    </message>
    <message>
        <source>client key</source>
        <translation>Client-Schlüssel</translation>
    </message>
    <message>
        <source>registration access token</source>
        <translation>Registration Access Token</translation>
    </message>
    <message>
        <source>The %1 of &quot;%2&quot; could not be read to move it: %3</source>
        <translation>%1 von „%2“ konnte zum Verschieben nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>The %1 could not be kept under &quot;%2&quot;: %3</source>
        <translation>%1 konnte nicht unter „%2“ aufbewahrt werden: %3</translation>
    </message>
    <message>
        <source>The %1 moved to &quot;%2&quot;, but the old copy under &quot;%3&quot; could not be deleted: %4</source>
        <translation>%1 wurde nach „%2“ verschoben, aber die alte Kopie unter „%3“ konnte nicht gelöscht werden: %4</translation>
    </message>
</context>
<context>
    <name>ProfileShowCommand</name>
    <message>
        <source>Show one profile&apos;s settings</source>
        <translation>Die Einstellungen eines Profils zeigen</translation>
    </message>
    <message>
        <source>Show one profile&apos;s settings (never its tokens or client secret).</source>
        <translation>Zeigt die Einstellungen eines Profils (nie seine Tokens oder sein Client-Secret).</translation>
    </message>
    <message>
        <source>The profile.</source>
        <translation>Das Profil.</translation>
    </message>
    <message>
        <source>tokenlab-cli profile show: there is no profile named &quot;%1&quot;; see tokenlab-cli profile list.</source>
        <translation>tokenlab-cli profile show: Es gibt kein Profil namens „%1“; siehe tokenlab-cli profile list.</translation>
    </message>
    <message>
        <source>sandbox (started by TokenLab on 127.0.0.1)</source>
        <translation>Sandbox (von TokenLab auf 127.0.0.1 gestartet)</translation>
    </message>
    <message>
        <source>:&lt;free port&gt;/</source>
        <translation>:&lt;freier Port&gt;/</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>TokenLab cannot read its profiles from %1: %2 Fix or remove the file; until then only the sandbox profile is available and profile changes are not saved.</source>
        <translation>TokenLab kann seine Profile nicht aus %1 lesen: %2 Reparieren oder entfernen Sie die Datei; bis dahin ist nur das Sandbox-Profil verfügbar, und Änderungen an Profilen werden nicht gespeichert.</translation>
    </message>
    <message>
        <source>the file is larger than 4 MiB.</source>
        <translation>Die Datei ist größer als 4 MiB.</translation>
    </message>
    <message>
        <source>it is not a JSON object (%1).</source>
        <translation>Sie ist kein JSON-Objekt (%1).</translation>
    </message>
    <message>
        <source>Some profiles in %1 were skipped (they are kept in the file as they are): %2</source>
        <translation>Einige Profile in %1 wurden übersprungen (sie bleiben unverändert in der Datei): %2</translation>
    </message>
    <message>
        <source>Profiles are not saved while %1 cannot be read; fix or remove that file first.</source>
        <translation>Profile werden nicht gespeichert, solange %1 nicht gelesen werden kann; reparieren oder entfernen Sie zuerst diese Datei.</translation>
    </message>
    <message>
        <source>Another TokenLab process has been saving %1 for %2 s; try again.</source>
        <translation>Ein anderer TokenLab-Prozess speichert seit %2 s %1; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>TokenLab cannot write %1: %2</source>
        <translation>TokenLab kann %1 nicht schreiben: %2</translation>
    </message>
    <message>
        <source>Name: &quot;sandbox&quot; is the built-in sandbox profile; choose another name.</source>
        <translation>Name: „sandbox“ ist das eingebaute Sandbox-Profil; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The sandbox profile is built in and cannot be removed.</source>
        <translation>Das Sandbox-Profil ist eingebaut und kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;.</source>
        <translation>Es gibt kein Profil namens „%1“.</translation>
    </message>
    <message>
        <source>auth_config.json is not a JSON object (%1).</source>
        <translation>auth_config.json ist kein JSON-Objekt (%1).</translation>
    </message>
    <message>
        <source>auth_config.json has no &quot;%1&quot;.</source>
        <translation>auth_config.json hat kein „%1“.</translation>
    </message>
    <message>
        <source>Set AUTH0_DOMAIN and AUTH0_CLIENT_ID (and optionally AUTH0_AUDIENCE) to import from the environment.</source>
        <translation>Setzen Sie AUTH0_DOMAIN und AUTH0_CLIENT_ID (und optional AUTH0_AUDIENCE), um aus der Umgebung zu importieren.</translation>
    </message>
    <message>
        <source>Another TokenLab process added a profile named %1 meanwhile; nothing was saved. Choose another name.</source>
        <translation>Ein anderer TokenLab-Prozess hat inzwischen ein Profil namens %1 hinzugefügt; es wurde nichts gespeichert. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>A profile named %1 exists already; choose another name.</source>
        <translation>Ein Profil namens %1 gibt es bereits; wählen Sie einen anderen Namen.</translation>
    </message>
</context>
<context>
    <name>ProfileUseCommand</name>
    <message>
        <source>Make a profile the active one</source>
        <translation>Ein Profil zum aktiven machen</translation>
    </message>
    <message>
        <source>Make a profile the active one: the one commands use without --profile.</source>
        <translation>Macht ein Profil zum aktiven: dem, das Befehle ohne --profile verwenden.</translation>
    </message>
    <message>
        <source>The profile.</source>
        <translation>Das Profil.</translation>
    </message>
    <message>
        <source>Active profile is now %1.</source>
        <translation>Das aktive Profil ist jetzt %1.</translation>
    </message>
</context>
<context>
    <name>Profilekeys</name>
    <message>
        <source>DPoP key</source>
        <translation>DPoP-Schlüssel</translation>
    </message>
    <message>
        <source>client key</source>
        <translation>Client-Schlüssel</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>Client-Secret</translation>
    </message>
    <message>
        <source>registration access token</source>
        <translation>Registration Access Token</translation>
    </message>
    <message>
        <source>The file is not a usable private key: TokenLab takes an RSA key of at least 2048 bits or an EC key on P-256, P-384 or P-521, as PKCS#8 PEM (&quot;-----BEGIN PRIVATE KEY-----&quot;; convert others with openssl pkcs8 -topk8 -nocrypt).</source>
        <translation>Die Datei ist kein verwendbarer privater Schlüssel: TokenLab nimmt einen RSA-Schlüssel mit mindestens 2048 Bit oder einen EC-Schlüssel auf P-256, P-384 oder P-521, als PKCS#8 PEM („-----BEGIN PRIVATE KEY-----“; andere konvertieren Sie mit openssl pkcs8 -topk8 -nocrypt).</translation>
    </message>
    <message>
        <source>The profile&apos;s %1 in the keychain is not a usable private key; remove the entry &quot;%2:%3&quot; and try again.</source>
        <translation>%1 des Profils im Schlüsselbund ist kein verwendbarer privater Schlüssel; entfernen Sie den Eintrag „%2:%3“ und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The profile&apos;s %1 is not in the keychain.</source>
        <translation>%1 des Profils ist nicht im Schlüsselbund.</translation>
    </message>
    <message>
        <source>The new %1 could not be kept in the keychain: %2</source>
        <translation>Der neue %1 konnte nicht im Schlüsselbund aufbewahrt werden: %2</translation>
    </message>
</context>
<context>
    <name>ProfilesPanel</name>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>A new profile, edited on the Login tab</source>
        <translation>Ein neues Profil, bearbeitet auf dem Reiter „Anmeldung“</translation>
    </message>
    <message>
        <source>Impor&amp;t</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>New from an &amp;API URL…</source>
        <translation>Neu aus einer &amp;API-URL…</translation>
    </message>
    <message>
        <source>Auth0 sample&apos;s auth_config.json…</source>
        <translation>auth_config.json eines Auth0-Beispiels…</translation>
    </message>
    <message>
        <source>From AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_AUDIENCE</source>
        <translation>Aus AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_AUDIENCE</translation>
    </message>
    <message>
        <source>Postman collection or environment…</source>
        <translation>Postman-Sammlung oder -Umgebung…</translation>
    </message>
    <message>
        <source>Insomnia export…</source>
        <translation>Insomnia-Export…</translation>
    </message>
    <message>
        <source>Bruno collection folder…</source>
        <translation>Bruno-Sammlungsordner…</translation>
    </message>
    <message>
        <source>OpenAPI document…</source>
        <translation>OpenAPI-Dokument…</translation>
    </message>
    <message>
        <source>Remove the selected profile and delete its tokens</source>
        <translation>Das gewählte Profil entfernen und seine Tokens löschen</translation>
    </message>
    <message>
        <source>local tenant, works offline</source>
        <translation>lokaler Tenant, funktioniert offline</translation>
    </message>
    <message>
        <source>The sandbox tenant TokenLab runs on 127.0.0.1</source>
        <translation>Der Sandbox-Tenant, den TokenLab auf 127.0.0.1 betreibt</translation>
    </message>
    <message>
        <source>The sandbox profile is built in and cannot be removed.</source>
        <translation>Das Sandbox-Profil ist eingebaut und kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>Profil entfernen</translation>
    </message>
    <message>
        <source>Remove the profile &quot;%1&quot; and delete its tokens?</source>
        <translation>Das Profil „%1“ entfernen und seine Tokens löschen?</translation>
    </message>
    <message>
        <source>Removed profile %1</source>
        <translation>Profil %1 entfernt</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Import gescheitert: %1</translation>
    </message>
    <message>
        <source>Imported profile %1 (%2)</source>
        <translation>Profil %1 importiert (%2)</translation>
    </message>
    <message>
        <source>Import auth_config.json</source>
        <translation>auth_config.json importieren</translation>
    </message>
    <message>
        <source>Auth0 config (*.json)</source>
        <translation>Auth0-Konfiguration (*.json)</translation>
    </message>
    <message>
        <source>Import failed: cannot read %1: %2</source>
        <translation>Import gescheitert: %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Discovered and saved profile %1</source>
        <translation>Profil %1 ermittelt und gespeichert</translation>
    </message>
    <message>
        <source>OpenAPI (*.json *.yaml *.yml)</source>
        <translation>OpenAPI (*.json *.yaml *.yml)</translation>
    </message>
    <message>
        <source>Insomnia export (*.json *.yaml *.yml)</source>
        <translation>Insomnia-Export (*.json *.yaml *.yml)</translation>
    </message>
    <message>
        <source>Postman (*.json)</source>
        <translation>Postman (*.json)</translation>
    </message>
    <message>
        <source>Bruno collection folder</source>
        <translation>Bruno-Sammlungsordner</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Imported into profile %1</source>
        <translation>In das Profil %1 importiert</translation>
    </message>
    <message>
        <source>Imported into profile %1; in the keychain: %2</source>
        <translation>In das Profil %1 importiert; im Schlüsselbund: %2</translation>
    </message>
</context>
<context>
    <name>ProviderMetadata</name>
    <message>
        <source>The discovery document is not valid JSON (%1).</source>
        <translation>Das Discovery-Dokument ist kein gültiges JSON (%1).</translation>
    </message>
    <message>
        <source>The discovery document is not a JSON object.</source>
        <translation>Das Discovery-Dokument ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The discovery document has no &quot;issuer&quot;.</source>
        <translation>Das Discovery-Dokument hat kein „issuer“.</translation>
    </message>
    <message>
        <source>The discovery document names the issuer &quot;%1&quot;, not &quot;%2&quot;. Check the profile&apos;s issuer (Auth0 issuers end with a slash).</source>
        <translation>Das Discovery-Dokument nennt den Issuer „%1“, nicht „%2“. Prüfen Sie den Issuer des Profils (Auth0-Issuer enden mit einem Schrägstrich).</translation>
    </message>
    <message>
        <source>The discovery document has no &quot;%1&quot;.</source>
        <translation>Das Discovery-Dokument hat kein „%1“.</translation>
    </message>
    <message>
        <source>The discovery document&apos;s &quot;%1&quot; is not an https URL (or http on a loopback address): &quot;%2&quot;.</source>
        <translation>„%1“ im Discovery-Dokument ist keine https-URL (oder http auf einer Loopback-Adresse): „%2“.</translation>
    </message>
    <message>
        <source>The discovery document requires pushed authorization requests but names no &quot;pushed_authorization_request_endpoint&quot;.</source>
        <translation>Das Discovery-Dokument verlangt Pushed Authorization Requests, nennt aber keinen „pushed_authorization_request_endpoint“.</translation>
    </message>
</context>
<context>
    <name>PublicKey</name>
    <message>
        <source>the JWK has no &quot;%1&quot; string</source>
        <translation>Der JWK hat keinen String „%1“</translation>
    </message>
    <message>
        <source>the JWK&apos;s &quot;%1&quot; is not base64url</source>
        <translation>„%1“ des JWK ist kein base64url</translation>
    </message>
    <message>
        <source>OpenSSL did not accept the %1 key</source>
        <translation>OpenSSL hat den %1-Schlüssel nicht akzeptiert</translation>
    </message>
    <message>
        <source>the RSA modulus is %1 bits; 2048 to 16384 bits are accepted</source>
        <translation>Der RSA-Modulus hat %1 Bit; 2048 bis 16384 Bit werden akzeptiert</translation>
    </message>
    <message>
        <source>out of memory while reading the JWK</source>
        <translation>Kein Speicher mehr beim Lesen des JWK</translation>
    </message>
    <message>
        <source>the EC JWK has no &quot;crv&quot;</source>
        <translation>Der EC-JWK hat kein „crv“</translation>
    </message>
    <message>
        <source>the curve &quot;%1&quot; is not supported</source>
        <translation>Die Kurve „%1“ wird nicht unterstützt</translation>
    </message>
    <message>
        <source>the EC JWK&apos;s coordinates are not %1 bytes long, as %2 needs</source>
        <translation>Die Koordinaten des EC-JWK sind nicht %1 Bytes lang, wie %2 es braucht</translation>
    </message>
    <message>
        <source>the OKP curve &quot;%1&quot; is not a signature curve TokenLab supports (Ed25519, Ed448)</source>
        <translation>Die OKP-Kurve „%1“ ist keine Signaturkurve, die TokenLab unterstützt (Ed25519, Ed448)</translation>
    </message>
    <message>
        <source>the %1 public key has the wrong length</source>
        <translation>Der öffentliche %1-Schlüssel hat die falsche Länge</translation>
    </message>
    <message>
        <source>the JWK is a symmetric (oct) key; TokenLab never verifies with shared secrets from a key set</source>
        <translation>Der JWK ist ein symmetrischer (oct) Schlüssel; TokenLab verifiziert nie mit gemeinsamen Geheimnissen aus einem Schlüssel-Set</translation>
    </message>
    <message>
        <source>the JWK has no &quot;kty&quot;</source>
        <translation>Der JWK hat kein „kty“</translation>
    </message>
    <message>
        <source>key type &quot;%1&quot; is not supported</source>
        <translation>Der Schlüsseltyp „%1“ wird nicht unterstützt</translation>
    </message>
    <message>
        <source>the PEM file is larger than 64 KiB</source>
        <translation>Die PEM-Datei ist größer als 64 KiB</translation>
    </message>
    <message>
        <source>the file holds a private key; give TokenLab the public key only (openssl pkey -pubout)</source>
        <translation>Die Datei enthält einen privaten Schlüssel; geben Sie TokenLab nur den öffentlichen Schlüssel (openssl pkey -pubout)</translation>
    </message>
    <message>
        <source>the file is not a PEM public key or certificate</source>
        <translation>Die Datei ist kein öffentlicher PEM-Schlüssel und kein Zertifikat</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Usage: %1</source>
        <translation>Aufruf: %1</translation>
    </message>
    <message>
        <source>[options]</source>
        <translation>[Optionen]</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The keychain holds no such entry.</source>
        <translation>Der Schlüsselbund hat keinen solchen Eintrag.</translation>
    </message>
    <message>
        <source>No keychain is available (on Linux, no Secret Service such as GNOME Keyring or KWallet answers on the session bus). Start your desktop&apos;s keyring and try again.</source>
        <translation>Kein Schlüsselbund verfügbar (unter Linux antwortet kein Secret Service wie GNOME Keyring oder KWallet auf dem Session-Bus). Starten Sie den Schlüsselbund Ihres Desktops und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>You declined TokenLab&apos;s access to the keychain.</source>
        <translation>Sie haben TokenLab den Zugriff auf den Schlüsselbund verweigert.</translation>
    </message>
    <message>
        <source>The keyring is locked. Unlock your login keyring (for example in Passwords and Keys) and try again.</source>
        <translation>Der Schlüsselbund ist gesperrt. Entsperren Sie Ihren Anmelde-Schlüsselbund (zum Beispiel in „Passwörter und Verschlüsselung“) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>No keychain could be reached (%1). Make sure a Secret Service such as GNOME Keyring runs in your desktop session.</source>
        <translation>Kein Schlüsselbund erreichbar (%1). Sorgen Sie dafür, dass ein Secret Service wie GNOME Keyring in Ihrer Desktop-Sitzung läuft.</translation>
    </message>
    <message>
        <source>The keychain refused access (%1); unlock it or allow TokenLab, then try again.</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert (%1); entsperren Sie ihn oder erlauben Sie TokenLab den Zugriff, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation>Der Schlüsselbund meldete einen Fehler: %1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>Cannot create the folder of %1.</source>
        <translation>Der Ordner von %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>RawHttpClient</name>
    <message>
        <source>no complete answer within %1 s</source>
        <translation>keine vollständige Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <source>%1 is not an http(s) URL</source>
        <translation>%1 ist keine http(s)-URL</translation>
    </message>
    <message>
        <source>the connection closed before an answer</source>
        <translation>Die Verbindung wurde vor einer Antwort geschlossen</translation>
    </message>
</context>
<context>
    <name>RefreshCommand</name>
    <message>
        <source>Renew the access token with the refresh token (or client credentials)</source>
        <translation>Das Access-Token mit dem Refresh-Token (oder den Client Credentials) erneuern</translation>
    </message>
    <message>
        <source>Renew the profile&apos;s access token now: with its refresh token, or, for a machine-to-machine profile, with its client credentials. --scope narrows the scopes.</source>
        <translation>Erneuert jetzt das Access-Token des Profils: mit seinem Refresh-Token, oder bei einem Machine-to-Machine-Profil mit seinen Client Credentials. --scope schränkt die Scopes ein.</translation>
    </message>
    <message>
        <source>The profile (default: the active one).</source>
        <translation>Das Profil (Standard: das aktive).</translation>
    </message>
    <message>
        <source>Ask for fewer scopes than were granted (RFC 6749 6).</source>
        <translation>Weniger Scopes anfordern als gewährt wurden (RFC 6749 6).</translation>
    </message>
    <message>
        <source>tokenlab-cli refresh: the sandbox profile&apos;s tenant lives only inside tokenlab; use a profile that points at a running tokenlab-sandbox.</source>
        <translation>tokenlab-cli refresh: Der Tenant des Sandbox-Profils lebt nur innerhalb von tokenlab; verwenden Sie ein Profil, das auf einen laufenden tokenlab-sandbox zeigt.</translation>
    </message>
</context>
<context>
    <name>RequestCredentials</name>
    <message>
        <source> Make one with tokenlab-cli profile key %1 (or the profile editor) and register its public key at the issuer.</source>
        <translation> Erzeugen Sie einen mit tokenlab-cli profile key %1 (oder im Profil-Editor) und registrieren Sie seinen öffentlichen Schlüssel beim Issuer.</translation>
    </message>
    <message>
        <source>The profile&apos;s client secret is not in the keychain; enter it again (tokenlab-cli profile add ... --client-secret-stdin, or the profile editor).</source>
        <translation>Das Client-Secret des Profils ist nicht im Schlüsselbund; geben Sie es erneut ein (tokenlab-cli profile add ... --client-secret-stdin, oder im Profil-Editor).</translation>
    </message>
    <message>
        <source>The issuer signs DPoP proofs with %1 only; TokenLab makes ES256, ES384, ES512, PS256 and RS256 proofs.</source>
        <translation>Der Issuer nimmt nur mit %1 signierte DPoP-Proofs; TokenLab erstellt ES256-, ES384-, ES512-, PS256- und RS256-Proofs.</translation>
    </message>
    <message>
        <source> The tokens are bound to it (DPoP) and cannot be renewed without it; log in again.</source>
        <translation> Die Tokens sind an ihn gebunden (DPoP) und können ohne ihn nicht erneuert werden; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The profile&apos;s DPoP key signs %1, which the issuer no longer accepts (%2); remove the keychain entry &quot;dpop-key:%3&quot; and log in again.</source>
        <translation>Der DPoP-Schlüssel des Profils signiert mit %1, was der Issuer nicht mehr akzeptiert (%2); entfernen Sie den Schlüsselbund-Eintrag „dpop-key:%3“ und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Made a DPoP proof key (%1) for this profile and kept it in %2.</source>
        <translation>Für dieses Profil wurde ein DPoP-Proof-Schlüssel (%1) erzeugt und aufbewahrt (%2).</translation>
    </message>
    <message>
        <source>The issuer accepts client assertions signed with %1 only, and the profile&apos;s client key is an %2 key.</source>
        <translation>Der Issuer akzeptiert nur mit %1 signierte Client-Assertions, und der Client-Schlüssel des Profils ist ein %2-Schlüssel.</translation>
    </message>
</context>
<context>
    <name>RequestEditor</name>
    <message>
        <source>Sen&amp;d</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>/api/path, {{base}}/path or a full URL; Enter sends</source>
        <translation>/api/path, {{base}}/path oder eine vollständige URL; Enter sendet</translation>
    </message>
    <message>
        <source>Send (Enter in the URL, Ctrl+Enter anywhere)</source>
        <translation>Senden (Enter in der URL, Strg+Enter überall)</translation>
    </message>
    <message>
        <source>No body</source>
        <translation>Kein Body</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Form (url-encoded)</source>
        <translation>Formular (url-kodiert)</translation>
    </message>
    <message>
        <source>Raw text</source>
        <translation>Rohtext</translation>
    </message>
    <message>
        <source>Content type, e.g. application/xml (text/plain when empty)</source>
        <translation>Content-Type, z. B. application/xml (text/plain, wenn leer)</translation>
    </message>
    <message>
        <source>The body; {{name}} placeholders are filled in when it is sent.</source>
        <translation>Der Body; Platzhalter {{name}} werden beim Senden ausgefüllt.</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>H&amp;eaders</source>
        <translation>H&amp;eader</translation>
    </message>
    <message>
        <source>&amp;Body</source>
        <translation>Bod&amp;y</translation>
    </message>
    <message>
        <source>&amp;Body (%1)</source>
        <translation>Bod&amp;y (%1)</translation>
    </message>
    <message>
        <source>H&amp;eaders (%1)</source>
        <translation>H&amp;eader (%1)</translation>
    </message>
</context>
<context>
    <name>RequestHistory</name>
    <message>
        <source>it is not a JSON object (%1 at byte %2).</source>
        <translation>Sie ist kein JSON-Objekt (%1 bei Byte %2).</translation>
    </message>
    <message>
        <source>it has no list of entries.</source>
        <translation>Sie hat keine Liste von Einträgen.</translation>
    </message>
    <message>
        <source>TokenLab cannot read the history in %1: %2 Move the file away or remove it to keep a history again.</source>
        <translation>TokenLab kann den Verlauf in %1 nicht lesen: %2 Verschieben oder entfernen Sie die Datei, um wieder einen Verlauf zu führen.</translation>
    </message>
    <message>
        <source>TokenLab cannot read the history in %1: %2</source>
        <translation>TokenLab kann den Verlauf in %1 nicht lesen: %2</translation>
    </message>
    <message>
        <source>There is no history entry &quot;%1&quot;.</source>
        <translation>Es gibt keinen Verlaufseintrag „%1“.</translation>
    </message>
    <message>
        <source>This call&apos;s details are no longer kept (%1 is gone).</source>
        <translation>Die Einzelheiten dieses Aufrufs werden nicht mehr aufbewahrt (%1 ist weg).</translation>
    </message>
    <message>
        <source>TokenLab cannot read the call in %1: %2</source>
        <translation>TokenLab kann den Aufruf in %1 nicht lesen: %2</translation>
    </message>
</context>
<context>
    <name>RequestVariables</name>
    <message>
        <source>A &quot;{{&quot; at character %1 is never closed with &quot;}}&quot;.</source>
        <translation>Ein „{{“ bei Zeichen %1 wird nie mit „}}“ geschlossen.</translation>
    </message>
    <message>
        <source>A placeholder at character %1 holds another &quot;{{&quot;; placeholders cannot be nested.</source>
        <translation>Ein Platzhalter bei Zeichen %1 enthält ein weiteres „{{“; Platzhalter können nicht verschachtelt werden.</translation>
    </message>
    <message>
        <source>The placeholder at character %1 has no name; write {{name}}.</source>
        <translation>Der Platzhalter bei Zeichen %1 hat keinen Namen; schreiben Sie {{name}}.</translation>
    </message>
    <message>
        <source>The placeholder at character %1 has a name longer than %2 characters.</source>
        <translation>Der Platzhalter bei Zeichen %1 hat einen Namen, der länger als %2 Zeichen ist.</translation>
    </message>
    <message>
        <source>The text is longer than %1 MiB; TokenLab does not fill placeholders in it.</source>
        <translation>Der Text ist länger als %1 MiB; TokenLab füllt darin keine Platzhalter aus.</translation>
    </message>
    <message>
        <source>The variable {{%1}} is not defined for this profile (defined: %2); define it in the variables table or remove it.</source>
        <translation>Die Variable {{%1}} ist für dieses Profil nicht definiert (definiert: %2); definieren Sie sie in der Variablentabelle oder entfernen Sie sie.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>A variable needs a name.</source>
        <translation>Eine Variable braucht einen Namen.</translation>
    </message>
    <message>
        <source>A variable&apos;s name is at most %1 characters.</source>
        <translation>Der Name einer Variablen hat höchstens %1 Zeichen.</translation>
    </message>
    <message>
        <source>The variable name &quot;%1&quot; may hold only letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;.</source>
        <translation>Der Variablenname „%1“ darf nur Buchstaben, Ziffern, &apos;_&apos;, &apos;-&apos; und &apos;.&apos; enthalten.</translation>
    </message>
    <message>
        <source>{{%1}} is TokenLab&apos;s own variable; choose another name.</source>
        <translation>{{%1}} ist eine eigene Variable von TokenLab; wählen Sie einen anderen Namen.</translation>
    </message>
</context>
<context>
    <name>ResourceMetadata</name>
    <message>
        <source>The protected resource metadata&apos;s &quot;%1&quot; is not an array of strings.</source>
        <translation>„%1“ der Protected-Resource-Metadaten ist kein Array von Strings.</translation>
    </message>
    <message>
        <source>The protected resource metadata&apos;s &quot;%1&quot; has %2 entries; at most %3 are read.</source>
        <translation>„%1“ der Protected-Resource-Metadaten hat %2 Einträge; höchstens %3 werden gelesen.</translation>
    </message>
    <message>
        <source>The protected resource metadata&apos;s &quot;%1&quot; holds something that is not a non-empty string.</source>
        <translation>„%1“ der Protected-Resource-Metadaten enthält etwas, das kein nicht-leerer String ist.</translation>
    </message>
    <message>
        <source>The protected resource metadata is larger than %1 bytes; it is not read.</source>
        <translation>Die Protected-Resource-Metadaten sind größer als %1 Bytes; sie werden nicht gelesen.</translation>
    </message>
    <message>
        <source>The protected resource metadata is not valid JSON (%1).</source>
        <translation>Die Protected-Resource-Metadaten sind kein gültiges JSON (%1).</translation>
    </message>
    <message>
        <source>The protected resource metadata is not a JSON object.</source>
        <translation>Die Protected-Resource-Metadaten sind kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The protected resource metadata has no &quot;resource&quot; string.</source>
        <translation>Die Protected-Resource-Metadaten haben keinen String „resource“.</translation>
    </message>
    <message>
        <source>The protected resource metadata&apos;s &quot;resource&quot; is not an https URL without a fragment (or http on a loopback address): &quot;%1&quot;.</source>
        <translation>„resource“ der Protected-Resource-Metadaten ist keine https-URL ohne Fragment (oder http auf einer Loopback-Adresse): „%1“.</translation>
    </message>
    <message>
        <source>The protected resource metadata is about &quot;%1&quot;, which is not the API at %2; it is not used (RFC 9728 3.3).</source>
        <translation>Die Protected-Resource-Metadaten betreffen „%1“, was nicht die API unter %2 ist; sie werden nicht verwendet (RFC 9728 3.3).</translation>
    </message>
    <message>
        <source>The protected resource metadata names no &quot;authorization_servers&quot;; TokenLab cannot tell where to log in.</source>
        <translation>Die Protected-Resource-Metadaten nennen keine „authorization_servers“; TokenLab kann nicht erkennen, wo man sich anmeldet.</translation>
    </message>
    <message>
        <source>The authorization server &quot;%1&quot; is not an https URL without query or fragment (or http on a loopback address).</source>
        <translation>Der Autorisierungsserver „%1“ ist keine https-URL ohne Query oder Fragment (oder http auf einer Loopback-Adresse).</translation>
    </message>
    <message>
        <source>The protected resource metadata&apos;s &quot;bearer_methods_supported&quot; names &quot;%1&quot;; RFC 9728 2 knows header, body and query.</source>
        <translation>„bearer_methods_supported“ der Protected-Resource-Metadaten nennt „%1“; RFC 9728 2 kennt header, body und query.</translation>
    </message>
    <message>
        <source>The protected resource metadata&apos;s &quot;dpop_bound_access_tokens_required&quot; is not true or false.</source>
        <translation>„dpop_bound_access_tokens_required“ der Protected-Resource-Metadaten ist weder true noch false.</translation>
    </message>
    <message>
        <source>The protected resource metadata&apos;s &quot;%1&quot; is not an https URL (or http on a loopback address).</source>
        <translation>„%1“ der Protected-Resource-Metadaten ist keine https-URL (oder http auf einer Loopback-Adresse).</translation>
    </message>
    <message>
        <source>The protected resource metadata&apos;s &quot;resource_name&quot; is not a string.</source>
        <translation>„resource_name“ der Protected-Resource-Metadaten ist kein String.</translation>
    </message>
</context>
<context>
    <name>ResponseBody</name>
    <message>
        <source>1 byte</source>
        <translation>1 Byte</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>no body</source>
        <translation>kein Body</translation>
    </message>
    <message>
        <source>JSON · %1</source>
        <translation>JSON · %1</translation>
    </message>
    <message>
        <source>JSON, too large to indent · %1</source>
        <translation>JSON, zu groß zum Einrücken · %1</translation>
    </message>
    <message>
        <source>JSON that does not parse · %1</source>
        <translation>JSON, das sich nicht parsen lässt · %1</translation>
    </message>
    <message>
        <source>form · 1 field · %1</source>
        <translation>Formular · 1 Feld · %1</translation>
    </message>
    <message>
        <source>form · %1 fields · %2</source>
        <translation>Formular · %1 Felder · %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>binary (%1) · %2; the first bytes are shown</source>
        <translation>binär (%1) · %2; die ersten Bytes werden gezeigt</translation>
    </message>
    <message>
        <source>no content type</source>
        <translation>kein Content-Type</translation>
    </message>
</context>
<context>
    <name>ResponseHead</name>
    <message>
        <source>The answer&apos;s head is longer than %1 KiB.</source>
        <translation>Der Kopf der Antwort ist länger als %1 KiB.</translation>
    </message>
    <message>
        <source>The answer&apos;s status line does not end in CRLF.</source>
        <translation>Die Statuszeile der Antwort endet nicht mit CRLF.</translation>
    </message>
    <message>
        <source>The answer does not start with an HTTP/1.x status line.</source>
        <translation>Die Antwort beginnt nicht mit einer HTTP/1.x-Statuszeile.</translation>
    </message>
    <message>
        <source>The answer&apos;s status code is not three digits.</source>
        <translation>Der Statuscode der Antwort hat nicht drei Ziffern.</translation>
    </message>
    <message>
        <source>The answer&apos;s status code %1 is not an HTTP status.</source>
        <translation>Der Statuscode %1 der Antwort ist kein HTTP-Status.</translation>
    </message>
    <message>
        <source>Header line %1 of the answer does not end in CRLF.</source>
        <translation>Headerzeile %1 der Antwort endet nicht mit CRLF.</translation>
    </message>
    <message>
        <source>Header line %1 of the answer is folded (obsolete in RFC 9112 5.2).</source>
        <translation>Headerzeile %1 der Antwort ist gefaltet (veraltet nach RFC 9112 5.2).</translation>
    </message>
    <message>
        <source>Header line %1 of the answer has no field name.</source>
        <translation>Headerzeile %1 der Antwort hat keinen Feldnamen.</translation>
    </message>
    <message>
        <source>Header line %1 of the answer has a field name that is not a token.</source>
        <translation>Headerzeile %1 der Antwort hat einen Feldnamen, der kein Token ist.</translation>
    </message>
</context>
<context>
    <name>ResponseView</name>
    <message>
        <source>Save the body…</source>
        <translation>Body speichern…</translation>
    </message>
    <message>
        <source>&amp;Reveal the token</source>
        <translation>Token &amp;zeigen</translation>
    </message>
    <message>
        <source>Copy as c&amp;url</source>
        <translation>Als &amp;curl kopieren</translation>
    </message>
    <message>
        <source>Copy with the to&amp;ken</source>
        <translation>Mit dem Token kopie&amp;ren</translation>
    </message>
    <message>
        <source>Save the whole body to a file</source>
        <translation>Den ganzen Body in eine Datei speichern</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>A curl command that asks tokenlab-cli for the token when it runs</source>
        <translation>Ein curl-Befehl, der beim Ausführen tokenlab-cli nach dem Token fragt</translation>
    </message>
    <message>
        <source>A curl command with the access token itself in it: keep it to yourself</source>
        <translation>Ein curl-Befehl mit dem Access-Token selbst darin: Behalten Sie ihn für sich</translation>
    </message>
    <message>
        <source>Response body</source>
        <translation>Antwort-Body</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>Antwort-Header</translation>
    </message>
    <message>
        <source>Request as sent</source>
        <translation>Anfrage wie gesendet</translation>
    </message>
    <message>
        <source>Save the response body</source>
        <translation>Den Antwort-Body speichern</translation>
    </message>
    <message>
        <source>Saved %1 to %2.</source>
        <translation>%1 nach %2 gespeichert.</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>%1 %2 · %3 ms · %4%5</source>
        <translation>%1 %2 · %3 ms · %4%5</translation>
    </message>
    <message>
        <source> (cut at 4 MiB)</source>
        <translation> (bei 4 MiB abgeschnitten)</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>The API accepted the request.</source>
        <translation>Die API hat die Anfrage angenommen.</translation>
    </message>
    <message>
        <source>Log in again asking for %1</source>
        <translation>Erneut anmelden mit Anforderung von %1</translation>
    </message>
    <message>
        <source>; the start is shown, save the body for all of it</source>
        <translation>; der Anfang wird gezeigt, speichern Sie den Body für alles</translation>
    </message>
    <message>
        <source>; the history keeps the first 64 KiB</source>
        <translation>; der Verlauf behält die ersten 64 KiB</translation>
    </message>
    <message>
        <source>The history keeps no tokens.</source>
        <translation>Der Verlauf behält keine Tokens.</translation>
    </message>
    <message>
        <source>%1 ••••••••  (%2 characters; tick Reveal the token to see it)</source>
        <translation>%1 ••••••••  (%2 Zeichen; kreuzen Sie „Token zeigen“ an, um es zu sehen)</translation>
    </message>
    <message>
        <source>proof</source>
        <translation>Proof</translation>
    </message>
    <message>
        <source>(no Authorization header: see the note above)</source>
        <translation>(kein Authorization-Header: siehe den Hinweis oben)</translation>
    </message>
    <message>
        <source>TokenLab cannot write %1: %2.</source>
        <translation>TokenLab kann %1 nicht schreiben: %2.</translation>
    </message>
</context>
<context>
    <name>SandboxConfig</name>
    <message>
        <source>--auto-approve: there is no sandbox user &quot;%1&quot;; the users are %2.</source>
        <translation>--auto-approve: Es gibt keinen Sandbox-Benutzer „%1“; die Benutzer sind %2.</translation>
    </message>
</context>
<context>
    <name>SandboxMenu</name>
    <message>
        <source>Sand&amp;box tenant</source>
        <translation>Sand&amp;box-Tenant</translation>
    </message>
    <message>
        <source>Require &amp;pushed authorization requests (PAR)</source>
        <translation>&amp;Pushed Authorization Requests (PAR) verlangen</translation>
    </message>
    <message>
        <source>The sandbox&apos;s /authorize takes only requests pushed to /oauth/par first (RFC 9126), and its discovery says require_pushed_authorization_requests.</source>
        <translation>/authorize der Sandbox nimmt nur Anfragen, die zuerst an /oauth/par übertragen wurden (RFC 9126), und ihr Discovery-Dokument sagt require_pushed_authorization_requests.</translation>
    </message>
    <message>
        <source>Demand DPoP &amp;nonces</source>
        <translation>DPoP-&amp;Nonces verlangen</translation>
    </message>
    <message>
        <source>The token endpoint and the sample API answer a DPoP proof without a server nonce with use_dpop_nonce and a DPoP-Nonce header (RFC 9449 8 and 9).</source>
        <translation>Der Token-Endpunkt und die Beispiel-API beantworten einen DPoP-Proof ohne Server-Nonce mit use_dpop_nonce und einem DPoP-Nonce-Header (RFC 9449 8 und 9).</translation>
    </message>
    <message>
        <source>Sample API requires &amp;DPoP</source>
        <translation>Beispiel-API verlangt &amp;DPoP</translation>
    </message>
    <message>
        <source>The sample API refuses Bearer tokens: only DPoP-bound tokens with a proof get through (RFC 9449 7).</source>
        <translation>Die Beispiel-API lehnt Bearer-Tokens ab: Nur DPoP-gebundene Tokens mit einem Proof kommen durch (RFC 9449 7).</translation>
    </message>
</context>
<context>
    <name>SandboxSwitches</name>
    <message>
        <source>--api-dpop must be &quot;allowed&quot; or &quot;required&quot;, not &quot;%1&quot;.</source>
        <translation>--api-dpop muss „allowed“ oder „required“ sein, nicht „%1“.</translation>
    </message>
    <message>
        <source>none: PAR, DPoP nonces and DPoP at the API are optional</source>
        <translation>keine: PAR, DPoP-Nonces und DPoP an der API sind freiwillig</translation>
    </message>
    <message>
        <source>PAR required</source>
        <translation>PAR verlangt</translation>
    </message>
    <message>
        <source>DPoP nonces demanded</source>
        <translation>DPoP-Nonces gefordert</translation>
    </message>
    <message>
        <source>the API requires DPoP</source>
        <translation>die API verlangt DPoP</translation>
    </message>
    <message>
        <source>it is not JSON (%1 at byte %2)</source>
        <translation>Sie ist kein JSON (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>it is not a JSON object</source>
        <translation>Sie ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>its &quot;version&quot; is not 1</source>
        <translation>Ihre „version“ ist nicht 1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not true or false</source>
        <translation>„%1“ ist nicht true oder false</translation>
    </message>
    <message>
        <source>&quot;api_dpop&quot; is not &quot;allowed&quot; or &quot;required&quot;</source>
        <translation>„api_dpop“ ist nicht „allowed“ oder „required“</translation>
    </message>
    <message>
        <source>The sandbox switches in %1 are ignored (all off): %2.</source>
        <translation>Die Sandbox-Schalter in %1 werden ignoriert (alle aus): %2.</translation>
    </message>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation>Die Datei ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>The sandbox switches could not be saved to %1: %2.</source>
        <translation>Die Sandbox-Schalter konnten nicht in %1 gespeichert werden: %2.</translation>
    </message>
</context>
<context>
    <name>SandboxTenant</name>
    <message>
        <source>The sandbox authorization server could not start: </source>
        <translation>Der Autorisierungsserver der Sandbox konnte nicht starten: </translation>
    </message>
    <message>
        <source>The sandbox sample API could not start: </source>
        <translation>Die Beispiel-API der Sandbox konnte nicht starten: </translation>
    </message>
    <message>
        <source>These tokens were not issued by the sandbox tenant; log in again.</source>
        <translation>Diese Tokens wurden nicht vom Sandbox-Tenant ausgestellt; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>These tokens are from an earlier sandbox run (its ports have changed: they were issued by %1 and the sandbox now runs at %2); log in again.</source>
        <translation>Diese Tokens stammen aus einem früheren Lauf der Sandbox (ihre Ports haben sich geändert: Sie wurden von %1 ausgestellt, und die Sandbox läuft jetzt unter %2); melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>These tokens are from an earlier sandbox run (its signing key has changed); log in again.</source>
        <translation>Diese Tokens stammen aus einem früheren Lauf der Sandbox (ihr Signaturschlüssel hat sich geändert); melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>SavedCollection</name>
    <message>
        <source>it is larger than %1 MiB.</source>
        <translation>Sie ist größer als %1 MiB.</translation>
    </message>
    <message>
        <source>it is not valid JSON (%1 at byte %2).</source>
        <translation>Sie ist kein gültiges JSON (%1 bei Byte %2).</translation>
    </message>
    <message>
        <source>it is JSON but not an object.</source>
        <translation>Sie ist JSON, aber kein Objekt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a list.</source>
        <translation>„%1“ ist keine Liste.</translation>
    </message>
    <message>
        <source>an entry of &quot;requests&quot; is not an object.</source>
        <translation>Ein Eintrag von &quot;requests&quot; ist kein Objekt.</translation>
    </message>
    <message>
        <source>two requests are both named &quot;%1&quot;.</source>
        <translation>Zwei Anfragen heißen beide „%1“.</translation>
    </message>
    <message>
        <source>a variable cannot be used: %1</source>
        <translation>Eine Variable kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>it is not an object with a name.</source>
        <translation>Es ist kein Objekt mit einem Namen.</translation>
    </message>
    <message>
        <source>the value of the variable %1 is not text.</source>
        <translation>Der Wert der Variablen %1 ist kein Text.</translation>
    </message>
    <message>
        <source>the variable %1 is defined twice.</source>
        <translation>Die Variable %1 ist doppelt definiert.</translation>
    </message>
    <message>
        <source>Several saved requests are named &quot;%1&quot;: %2; give the folder too.</source>
        <translation>Mehrere gespeicherte Anfragen heißen „%1“: %2; geben Sie auch den Ordner an.</translation>
    </message>
    <message>
        <source>There is no saved request &quot;%1&quot;: this profile has no saved requests yet.</source>
        <translation>Es gibt keine gespeicherte Anfrage „%1“: Dieses Profil hat noch keine gespeicherten Anfragen.</translation>
    </message>
    <message>
        <source>There is no saved request &quot;%1&quot;.</source>
        <translation>Es gibt keine gespeicherte Anfrage „%1“.</translation>
    </message>
    <message>
        <source>There is no saved request &quot;%1&quot;; did you mean %2?</source>
        <translation>Es gibt keine gespeicherte Anfrage „%1“; meinten Sie %2?</translation>
    </message>
</context>
<context>
    <name>SavedRequest</name>
    <message>
        <source>A saved request needs a name.</source>
        <translation>Eine gespeicherte Anfrage braucht einen Namen.</translation>
    </message>
    <message>
        <source>A name is at most 200 characters.</source>
        <translation>Ein Name hat höchstens 200 Zeichen.</translation>
    </message>
    <message>
        <source>The name &quot;%1&quot; holds a &apos;/&apos;, which separates folders; pick the folder separately.</source>
        <translation>Der Name „%1“ enthält ein &apos;/&apos;, das Ordner trennt; wählen Sie den Ordner getrennt.</translation>
    </message>
    <message>
        <source>A name cannot hold control characters.</source>
        <translation>Ein Name darf keine Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The method &quot;%1&quot; is not an HTTP method name.</source>
        <translation>Die Methode „%1“ ist kein HTTP-Methodenname.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Type a path such as /api/private, or a full URL.</source>
        <translation>Geben Sie einen Pfad wie /api/private oder eine vollständige URL ein.</translation>
    </message>
    <message>
        <source>The profile has no API base URL, so &quot;%1&quot; needs to be a full URL.</source>
        <translation>Das Profil hat keine API-Basis-URL, daher muss „%1“ eine vollständige URL sein.</translation>
    </message>
    <message>
        <source>The URL &quot;%1&quot; is not valid: %2</source>
        <translation>Die URL „%1“ ist nicht gültig: %2</translation>
    </message>
    <message>
        <source>The header name &quot;%1&quot; is not valid (letters, digits and !#$%&amp;&apos;*+-.^_`|~ only).</source>
        <translation>Der Header-Name „%1“ ist nicht gültig (nur Buchstaben, Ziffern und !#$%&amp;&apos;*+-.^_`|~).</translation>
    </message>
    <message>
        <source>Header %1</source>
        <translation>Header %1</translation>
    </message>
    <message>
        <source>The value of header %1 holds a line break.</source>
        <translation>Der Wert von Header %1 enthält einen Zeilenumbruch.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>The JSON body is not valid JSON: %1 at character %2.</source>
        <translation>Der JSON-Body ist kein gültiges JSON: %1 bei Zeichen %2.</translation>
    </message>
    <message>
        <source>Form field</source>
        <translation>Formularfeld</translation>
    </message>
    <message>
        <source>Form field %1</source>
        <translation>Formularfeld %1</translation>
    </message>
    <message>
        <source>The content type holds a line break.</source>
        <translation>Der Content-Type enthält einen Zeilenumbruch.</translation>
    </message>
    <message>
        <source>a request has no name.</source>
        <translation>Eine Anfrage hat keinen Namen.</translation>
    </message>
    <message>
        <source>the request &quot;%1&quot; has a name TokenLab cannot use: %2</source>
        <translation>Die Anfrage „%1“ hat einen Namen, den TokenLab nicht verwenden kann: %2</translation>
    </message>
    <message>
        <source>the folder of &quot;%1&quot; is not text.</source>
        <translation>Der Ordner von „%1“ ist kein Text.</translation>
    </message>
    <message>
        <source>the folder of &quot;%1&quot; has an empty or unusable part.</source>
        <translation>Der Ordner von „%1“ hat einen leeren oder unbrauchbaren Teil.</translation>
    </message>
    <message>
        <source>the request &quot;%1&quot; has no method or URL as text.</source>
        <translation>Die Anfrage „%1“ hat keine Methode oder URL als Text.</translation>
    </message>
    <message>
        <source>the headers of &quot;%1&quot; are not a list of name and value pairs.</source>
        <translation>Die Header von „%1“ sind keine Liste von Name-Wert-Paaren.</translation>
    </message>
    <message>
        <source>the body of &quot;%1&quot; is not an object with a type.</source>
        <translation>Der Body von „%1“ ist kein Objekt mit einem Typ.</translation>
    </message>
    <message>
        <source>the body of &quot;%1&quot; has the type &quot;%2&quot;; TokenLab knows json, form, raw and none.</source>
        <translation>Der Body von „%1“ hat den Typ „%2“; TokenLab kennt json, form, raw und none.</translation>
    </message>
    <message>
        <source>the form fields of &quot;%1&quot; are not a list of name and value pairs.</source>
        <translation>Die Formularfelder von „%1“ sind keine Liste von Name-Wert-Paaren.</translation>
    </message>
</context>
<context>
    <name>SavedRequests</name>
    <message>
        <source>TokenLab cannot read the saved requests in %1: %2 Fix or remove the file; until then nothing is saved there.</source>
        <translation>TokenLab kann die gespeicherten Anfragen in %1 nicht lesen: %2 Reparieren oder entfernen Sie die Datei; bis dahin wird dort nichts gespeichert.</translation>
    </message>
    <message>
        <source>A saved request is already named &quot;%1&quot;; choose another name.</source>
        <translation>Eine gespeicherte Anfrage heißt bereits „%1“; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>There is no saved request &quot;%1&quot; any more.</source>
        <translation>Es gibt keine gespeicherte Anfrage „%1“ mehr.</translation>
    </message>
    <message>
        <source>Moving the folder would give two requests the name &quot;%1&quot;.</source>
        <translation>Das Verschieben des Ordners würde zwei Anfragen den Namen „%1“ geben.</translation>
    </message>
    <message>
        <source>The variable %1 is defined twice.</source>
        <translation>Die Variable %1 ist doppelt definiert.</translation>
    </message>
    <message>
        <source>The imported requests cannot be saved: %1</source>
        <translation>Die importierten Anfragen können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>A saved request is already named &quot;%1&quot;; nothing was imported.</source>
        <translation>Eine gespeicherte Anfrage heißt bereits „%1“; es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>The profile already has a variable %1; nothing was imported.</source>
        <translation>Das Profil hat bereits eine Variable %1; es wurde nichts importiert.</translation>
    </message>
</context>
<context>
    <name>SavedRequestsPanel</name>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Rena&amp;me</source>
        <translation>Umbe&amp;nennen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>folder/name to save as</source>
        <translation>Ordner/Name zum Speichern</translation>
    </message>
    <message>
        <source>Save the request in the editor under this name (Ctrl+S)</source>
        <translation>Die Anfrage im Editor unter diesem Namen speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Send the selected request (Enter)</source>
        <translation>Die gewählte Anfrage senden (Enter)</translation>
    </message>
    <message>
        <source>Move the selected request or folder to the name typed above</source>
        <translation>Die gewählte Anfrage oder den gewählten Ordner auf den oben eingegebenen Namen verschieben</translation>
    </message>
    <message>
        <source>Delete the selected request (Delete)</source>
        <translation>Die gewählte Anfrage löschen (Entf)</translation>
    </message>
    <message>
        <source>Type a name for the request first, as folder/name or just a name.</source>
        <translation>Geben Sie zuerst einen Namen für die Anfrage ein, als Ordner/Name oder nur als Name.</translation>
    </message>
    <message>
        <source>Saved the request &quot;%1&quot;.</source>
        <translation>Die Anfrage „%1“ wurde gespeichert.</translation>
    </message>
    <message>
        <source>Type the folder&apos;s new name above, then Rename.</source>
        <translation>Geben Sie oben den neuen Namen des Ordners ein, dann Umbenennen.</translation>
    </message>
    <message>
        <source>Renamed the folder &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>Der Ordner „%1“ wurde in „%2“ umbenannt.</translation>
    </message>
    <message>
        <source>Type the new name above, then Rename.</source>
        <translation>Geben Sie oben den neuen Namen ein, dann Umbenennen.</translation>
    </message>
    <message>
        <source>Renamed &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>„%1“ wurde in „%2“ umbenannt.</translation>
    </message>
    <message>
        <source>Delete a saved request</source>
        <translation>Eine gespeicherte Anfrage löschen</translation>
    </message>
    <message>
        <source>Delete the saved request &quot;%1&quot;?</source>
        <translation>Die gespeicherte Anfrage „%1“ löschen?</translation>
    </message>
    <message>
        <source>Deleted the saved request &quot;%1&quot;.</source>
        <translation>Die gespeicherte Anfrage „%1“ wurde gelöscht.</translation>
    </message>
</context>
<context>
    <name>SecretVariablesJob</name>
    <message>
        <source>The secret variable {{%1}} has no value in the keychain; set it again in the API tab&apos;s variables.</source>
        <translation>Die geheime Variable {{%1}} hat keinen Wert im Schlüsselbund; setzen Sie ihn in den Variablen des Reiters „API“ erneut.</translation>
    </message>
    <message>
        <source>The secret variable {{%1}} could not be read: %2</source>
        <translation>Die geheime Variable {{%1}} konnte nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>SendJob</name>
    <message>
        <source>The profile is gone; select one to call its API.</source>
        <translation>Das Profil ist weg; wählen Sie eines, um seine API aufzurufen.</translation>
    </message>
    <message>
        <source>Getting a fresh token …</source>
        <translation>Ein frisches Token wird geholt …</translation>
    </message>
    <message>
        <source>The request uses {{token}}, but this profile has no access token; log in first.</source>
        <translation>Die Anfrage verwendet {{token}}, aber dieses Profil hat kein Access-Token; melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>%1 %2 …</source>
        <translation>%1 %2 …</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>No tokens are stored for this profile (it was logged out, or its tokens forgotten, perhaps by another TokenLab window or command); log in first.</source>
        <translation>Für dieses Profil sind keine Tokens gespeichert (es wurde abgemeldet oder seine Tokens vergessen, vielleicht von einem anderen TokenLab-Fenster oder -Befehl); melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>The profile was removed.</source>
        <translation>Das Profil wurde entfernt.</translation>
    </message>
    <message>
        <source>The access token has expired and there is no refresh token; log in again (ask for offline_access to get one).</source>
        <translation>Das Access-Token ist abgelaufen, und es gibt kein Refresh-Token; melden Sie sich erneut an (fordern Sie offline_access an, um eines zu erhalten).</translation>
    </message>
    <message>
        <source>Session ended: the issuer no longer accepts this login&apos;s refresh token. Log in again.</source>
        <translation>Sitzung beendet: Der Issuer akzeptiert das Refresh-Token dieser Anmeldung nicht mehr. Melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Sign in through your browser</source>
        <translation>Über Ihren Browser anmelden</translation>
    </message>
    <message>
        <source>Log in on another &amp;device…</source>
        <translation>Auf einem anderen &amp;Gerät anmelden…</translation>
    </message>
    <message>
        <source>Sign in on a phone or another computer with a code (device authorization grant, RFC 8628)</source>
        <translation>Auf einem Telefon oder einem anderen Computer mit einem Code anmelden (Device Authorization Grant, RFC 8628)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Erneuern</translation>
    </message>
    <message>
        <source>Renew the access token now</source>
        <translation>Das Access-Token jetzt erneuern</translation>
    </message>
    <message>
        <source>S&amp;witch user</source>
        <translation>Benutzer &amp;wechseln</translation>
    </message>
    <message>
        <source>Log in again with prompt=login, to sign in as someone else</source>
        <translation>Erneut mit prompt=login anmelden, um sich als jemand anderes anzumelden</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>A&amp;bmelden</translation>
    </message>
    <message>
        <source>Revoke the refresh token, delete the tokens, and optionally end the browser session</source>
        <translation>Das Refresh-Token widerrufen, die Tokens löschen und optional die Browser-Sitzung beenden</translation>
    </message>
    <message>
        <source>&amp;Forget tokens…</source>
        <translation>Tokens &amp;vergessen…</translation>
    </message>
    <message>
        <source>Delete this profile&apos;s tokens from the keychain</source>
        <translation>Die Tokens dieses Profils aus dem Schlüsselbund löschen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Stop waiting for the browser or the other device</source>
        <translation>Nicht länger auf den Browser oder das andere Gerät warten</translation>
    </message>
</context>
<context>
    <name>SessionText</name>
    <message>
        <source>Reading the keychain…</source>
        <translation>Der Schlüsselbund wird gelesen…</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Signed in · expires %1 (in %2)</source>
        <translation>Angemeldet · läuft ab %1 (in %2)</translation>
    </message>
    <message>
        <source>Signed in · the issuer gave no expiry</source>
        <translation>Angemeldet · der Issuer hat keinen Ablauf genannt</translation>
    </message>
    <message>
        <source>Token expired at %1 · %2</source>
        <translation>Token abgelaufen am %1 · %2</translation>
    </message>
    <message>
        <source>Refresh (Ctrl+R) renews it</source>
        <translation>Erneuern (Strg+R) erneuert es</translation>
    </message>
    <message>
        <source>log in again</source>
        <translation>erneut anmelden</translation>
    </message>
    <message>
        <source>Session ended: log in again</source>
        <translation>Sitzung beendet: erneut anmelden</translation>
    </message>
    <message>
        <source>These tokens cannot be used any more: log in again</source>
        <translation>Diese Tokens können nicht mehr verwendet werden: erneut anmelden</translation>
    </message>
    <message>
        <source> · refreshing…</source>
        <translation> · wird erneuert…</translation>
    </message>
    <message>
        <source>Keychain: %1</source>
        <translation>Schlüsselbund: %1</translation>
    </message>
    <message>
        <source>reading the keychain…</source>
        <translation>Schlüsselbund wird gelesen…</translation>
    </message>
    <message>
        <source>local tenant, works offline</source>
        <translation>lokaler Tenant, funktioniert offline</translation>
    </message>
    <message>
        <source>signed in · expires %1</source>
        <translation>angemeldet · läuft ab %1</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>angemeldet</translation>
    </message>
    <message>
        <source>token expired</source>
        <translation>Token abgelaufen</translation>
    </message>
    <message>
        <source>session ended, log in again</source>
        <translation>Sitzung beendet, erneut anmelden</translation>
    </message>
    <message>
        <source>stale tokens, log in again</source>
        <translation>veraltete Tokens, erneut anmelden</translation>
    </message>
</context>
<context>
    <name>Sessionproofkey</name>
    <message>
        <source>There are no tokens for this profile.</source>
        <translation>Für dieses Profil gibt es keine Tokens.</translation>
    </message>
    <message>
        <source> The access token is bound to it (DPoP) and cannot be used without it; log in again.</source>
        <translation> Das Access-Token ist an ihn gebunden (DPoP) und ohne ihn nicht verwendbar; melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>StatusCommand</name>
    <message>
        <source>List the profiles with their signed-in state and expiry (never tokens)</source>
        <translation>Die Profile mit Anmeldestatus und Ablauf auflisten (nie Tokens)</translation>
    </message>
    <message>
        <source>List the profiles with their signed-in state and expiry. Never prints tokens.</source>
        <translation>Listet die Profile mit Anmeldestatus und Ablauf auf. Gibt nie Tokens aus.</translation>
    </message>
    <message>
        <source>Tokens are kept in %1.</source>
        <translation>Aufbewahrungsort der Tokens: %1.</translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation>vor %1 abgelaufen</translation>
    </message>
    <message>
        <source>signed in, expires in %1 (%2)</source>
        <translation>angemeldet, läuft in %1 ab (%2)</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>angemeldet</translation>
    </message>
    <message>
        <source>, refresh token kept</source>
        <translation>, Refresh-Token aufbewahrt</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>nicht angemeldet</translation>
    </message>
</context>
<context>
    <name>TenantKey</name>
    <message>
        <source>a new signing key for this run</source>
        <translation>ein neuer Signaturschlüssel für diesen Lauf</translation>
    </message>
    <message>
        <source>the signing key kept in the keychain</source>
        <translation>der im Schlüsselbund aufbewahrte Signaturschlüssel</translation>
    </message>
    <message>
        <source>a new signing key (the keychain entry &quot;%1&quot; held no usable key)</source>
        <translation>ein neuer Signaturschlüssel (der Schlüsselbund-Eintrag „%1“ enthielt keinen verwendbaren Schlüssel)</translation>
    </message>
    <message>
        <source>a new signing key (none was kept yet)</source>
        <translation>ein neuer Signaturschlüssel (es wurde noch keiner aufbewahrt)</translation>
    </message>
    <message>
        <source>a new signing key for this run only, because the keychain could not be read: %1</source>
        <translation>ein neuer Signaturschlüssel nur für diesen Lauf, weil der Schlüsselbund nicht gelesen werden konnte: %1</translation>
    </message>
    <message>
        <source>a new signing key, being saved to the keychain</source>
        <translation>ein neuer Signaturschlüssel, der gerade im Schlüsselbund gespeichert wird</translation>
    </message>
    <message>
        <source>a new signing key, now kept in the keychain</source>
        <translation>ein neuer Signaturschlüssel, jetzt im Schlüsselbund aufbewahrt</translation>
    </message>
    <message>
        <source>a new signing key for this run only, because the keychain did not keep it: %1</source>
        <translation>ein neuer Signaturschlüssel nur für diesen Lauf, weil der Schlüsselbund ihn nicht aufbewahrt hat: %1</translation>
    </message>
    <message>
        <source>Too many requests are waiting for the sandbox&apos;s signing key; try again in a moment.</source>
        <translation>Zu viele Anfragen warten auf den Signaturschlüssel der Sandbox; versuchen Sie es gleich erneut.</translation>
    </message>
    <message>
        <source>The sandbox&apos;s signing key was not ready within %1 s; try again in a moment.</source>
        <translation>Der Signaturschlüssel der Sandbox war nicht innerhalb von %1 s bereit; versuchen Sie es gleich erneut.</translation>
    </message>
    <message>
        <source>The sandbox&apos;s signing key is not ready yet; try again in a moment.</source>
        <translation>Der Signaturschlüssel der Sandbox ist noch nicht bereit; versuchen Sie es gleich erneut.</translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
</context>
<context>
    <name>TokenChecks</name>
    <message>
        <source>The header has no &quot;alg&quot;; a signed JWT must name its algorithm.</source>
        <translation>Der Header hat kein „alg“; ein signiertes JWT muss seinen Algorithmus nennen.</translation>
    </message>
    <message>
        <source>alg &quot;none&quot; means unsigned; such a token is never valid.</source>
        <translation>alg „none“ bedeutet unsigniert; ein solches Token ist nie gültig.</translation>
    </message>
    <message>
        <source>%1 uses a shared secret; TokenLab never checks it with a public key (algorithm confusion, RFC 8725 3.1).</source>
        <translation>%1 verwendet ein gemeinsames Geheimnis; TokenLab prüft es nie mit einem öffentlichen Schlüssel (Algorithm Confusion, RFC 8725 3.1).</translation>
    </message>
    <message>
        <source>The algorithm &quot;%1&quot; is not one TokenLab verifies.</source>
        <translation>Der Algorithmus „%1“ ist keiner, den TokenLab verifiziert.</translation>
    </message>
    <message>
        <source>%1 is not in the allowed algorithms (%2).</source>
        <translation>%1 ist nicht unter den erlaubten Algorithmen (%2).</translation>
    </message>
    <message>
        <source>%1 is allowed.</source>
        <translation>%1 ist erlaubt.</translation>
    </message>
    <message>
        <source>No key in %1 can verify %2.</source>
        <translation>Kein Schlüssel in %1 kann %2 verifizieren.</translation>
    </message>
    <message>
        <source>The key &quot;%1&quot; in %2 cannot verify %3.</source>
        <translation>Der Schlüssel „%1“ in %2 kann %3 nicht verifizieren.</translation>
    </message>
    <message>
        <source>No key with kid &quot;%1&quot; in %2.</source>
        <translation>Kein Schlüssel mit kid „%1“ in %2.</translation>
    </message>
    <message>
        <source>The signature does not match %1; the token was altered or signed by someone else.</source>
        <translation>Die Signatur passt nicht zu %1; das Token wurde verändert oder von jemand anderem signiert.</translation>
    </message>
    <message>
        <source>the key &quot;%1&quot; from %2</source>
        <translation>dem Schlüssel „%1“ aus %2</translation>
    </message>
    <message>
        <source>the keys from %1</source>
        <translation>den Schlüsseln aus %1</translation>
    </message>
    <message>
        <source>The token has no iss (issuer) claim.</source>
        <translation>Das Token hat keinen iss-Claim (Issuer).</translation>
    </message>
    <message>
        <source>Issued by %1; no expected issuer was given.</source>
        <translation>Ausgestellt von %1; es wurde kein erwarteter Issuer angegeben.</translation>
    </message>
    <message>
        <source>Issued by &quot;%1&quot;, not by the expected issuer &quot;%2&quot;.</source>
        <translation>Ausgestellt von „%1“, nicht vom erwarteten Issuer „%2“.</translation>
    </message>
    <message>
        <source>The token has no aud (audience) claim.</source>
        <translation>Das Token hat keinen aud-Claim (Audience).</translation>
    </message>
    <message>
        <source>Meant for %1; no expected audience was given.</source>
        <translation>Bestimmt für %1; es wurde keine erwartete Audience angegeben.</translation>
    </message>
    <message>
        <source>Meant for %1, not for %2.</source>
        <translation>Bestimmt für %1, nicht für %2.</translation>
    </message>
    <message>
        <source>%1 (%2) is not a date between the years 1 and 9999.</source>
        <translation>%1 (%2) ist kein Datum zwischen den Jahren 1 und 9999.</translation>
    </message>
    <message>
        <source>%1 is not a number of seconds.</source>
        <translation>%1 ist keine Anzahl von Sekunden.</translation>
    </message>
    <message>
        <source>The token has no exp claim; it would never expire.</source>
        <translation>Das Token hat keinen exp-Claim; es würde nie ablaufen.</translation>
    </message>
    <message>
        <source>Not valid yet: only from %1.</source>
        <translation>Noch nicht gültig: erst ab %1.</translation>
    </message>
    <message>
        <source>Issued in the future (%1); the issuer&apos;s clock or the token is wrong.</source>
        <translation>In der Zukunft ausgestellt (%1); die Uhr des Issuers oder das Token ist falsch.</translation>
    </message>
    <message>
        <source>Matches this login&apos;s nonce.</source>
        <translation>Passt zur Nonce dieser Anmeldung.</translation>
    </message>
    <message>
        <source>The id_token has no nonce, but this login sent one (a possible replay).</source>
        <translation>Das ID-Token hat keine Nonce, aber diese Anmeldung hat eine gesendet (möglicher Replay).</translation>
    </message>
    <message>
        <source>The nonce is not this login&apos;s (a possible replay).</source>
        <translation>Die Nonce gehört nicht zu dieser Anmeldung (möglicher Replay).</translation>
    </message>
    <message>
        <source>Authorized party %1; no client was given.</source>
        <translation>Autorisierte Partei %1; es wurde kein Client angegeben.</translation>
    </message>
    <message>
        <source>Authorized party is this client.</source>
        <translation>Autorisierte Partei ist dieser Client.</translation>
    </message>
    <message>
        <source>Authorized party is &quot;%1&quot;, not this client &quot;%2&quot;.</source>
        <translation>Autorisierte Partei ist „%1“, nicht dieser Client „%2“.</translation>
    </message>
    <message>
        <source>The id_token has several audiences but no azp.</source>
        <translation>Das ID-Token hat mehrere Audiences, aber kein azp.</translation>
    </message>
    <message>
        <source>at+jwt: a JWT access token as RFC 9068 describes.</source>
        <translation>at+jwt: ein JWT-Access-Token, wie RFC 9068 es beschreibt.</translation>
    </message>
    <message>
        <source>typ is &quot;%1&quot;, not at+jwt; the token does not claim the RFC 9068 profile.</source>
        <translation>typ ist „%1“, nicht at+jwt; das Token beansprucht nicht das Profil aus RFC 9068.</translation>
    </message>
    <message>
        <source>An access token (typ at+jwt) where an id_token belongs: tokens must not be swapped.</source>
        <translation>Ein Access-Token (typ at+jwt), wo ein ID-Token hingehört: Tokens dürfen nicht vertauscht werden.</translation>
    </message>
    <message>
        <source>scope is not a space-separated string (RFC 9068 2.2.3).</source>
        <translation>scope ist kein durch Leerzeichen getrennter String (RFC 9068 2.2.3).</translation>
    </message>
    <message>
        <source>DPoP-bound to this profile&apos;s proof key (cnf.jkt %1).</source>
        <translation>DPoP-gebunden an den Proof-Schlüssel dieses Profils (cnf.jkt %1).</translation>
    </message>
    <message>
        <source>DPoP-bound to key %1, not to this profile&apos;s proof key %2: the API will refuse this profile&apos;s proofs.</source>
        <translation>DPoP-gebunden an den Schlüssel %1, nicht an den Proof-Schlüssel %2 dieses Profils: Die API wird die Proofs dieses Profils ablehnen.</translation>
    </message>
    <message>
        <source>DPoP-bound to key %1 (cnf.jkt); only a proof signed by that key makes it usable.</source>
        <translation>DPoP-gebunden an den Schlüssel %1 (cnf.jkt); nur ein mit diesem Schlüssel signierter Proof macht es verwendbar.</translation>
    </message>
    <message>
        <source>The issuer said the token is DPoP-bound, but it names no cnf.jkt; the API learns the key some other way (introspection).</source>
        <translation>Der Issuer sagte, das Token sei DPoP-gebunden, nennt aber kein cnf.jkt; die API erfährt den Schlüssel auf anderem Weg (Introspektion).</translation>
    </message>
    <message>
        <source>Issued by %1, as expected.</source>
        <translation>Ausgestellt von %1, wie erwartet.</translation>
    </message>
    <message>
        <source>Meant for this client (%1).</source>
        <translation>Bestimmt für diesen Client (%1).</translation>
    </message>
    <message>
        <source>Meant for the API %1.</source>
        <translation>Bestimmt für die API %1.</translation>
    </message>
    <message>
        <source>Valid since %1.</source>
        <translation>Gültig seit %1.</translation>
    </message>
    <message>
        <source>Verified (%1) with the key from %2.</source>
        <translation>Verifiziert (%1) mit dem Schlüssel aus %2.</translation>
    </message>
    <message>
        <source>Verified (%1) with the key &quot;%2&quot; from %3.</source>
        <translation>Verifiziert (%1) mit dem Schlüssel „%2“ aus %3.</translation>
    </message>
    <message>
        <source>Expires %1.</source>
        <translation>Läuft %1 ab.</translation>
    </message>
    <message>
        <source>Expired %1.</source>
        <translation>Abgelaufen %1.</translation>
    </message>
    <message>
        <source>Issued %1.</source>
        <translation>Ausgestellt %1.</translation>
    </message>
</context>
<context>
    <name>TokenCommand</name>
    <message>
        <source>Print a stored token for scripts (--field access_token|id_token|refresh_token)</source>
        <translation>Ein gespeichertes Token für Skripte ausgeben (--field access_token|id_token|refresh_token)</translation>
    </message>
    <message>
        <source>Print one stored token of a profile on stdout, for scripts: curl -H &quot;Authorization: Bearer $(tokenlab-cli token)&quot; ...</source>
        <translation>Gibt ein gespeichertes Token eines Profils auf stdout aus, für Skripte: curl -H &quot;Authorization: Bearer $(tokenlab-cli token)&quot; ...</translation>
    </message>
    <message>
        <source>The profile (default: the active one).</source>
        <translation>Das Profil (Standard: das aktive).</translation>
    </message>
    <message>
        <source>access_token (default), id_token or refresh_token.</source>
        <translation>access_token (Standard), id_token oder refresh_token.</translation>
    </message>
    <message>
        <source>tokenlab-cli token: --field must be access_token, id_token or refresh_token, not &quot;%1&quot;.</source>
        <translation>tokenlab-cli token: --field muss access_token, id_token oder refresh_token sein, nicht „%1“.</translation>
    </message>
    <message>
        <source>tokenlab-cli token: no tokens are stored for the profile &quot;%1&quot;; run tokenlab-cli login --profile %2.</source>
        <translation>tokenlab-cli token: Für das Profil „%1“ sind keine Tokens gespeichert; führen Sie tokenlab-cli login --profile %2 aus.</translation>
    </message>
    <message>
        <source>tokenlab-cli token: the profile &quot;%1&quot; has no %2.</source>
        <translation>tokenlab-cli token: Das Profil „%1“ hat kein %2.</translation>
    </message>
    <message>
        <source>Warning: this access token expired %1 ago.</source>
        <translation>Warnung: Dieses Access-Token ist vor %1 abgelaufen.</translation>
    </message>
</context>
<context>
    <name>TokenEndpointClient</name>
    <message>
        <source>The %1&apos;s answer is larger than %2 bytes; TokenLab stopped reading it.</source>
        <translation>Die Antwort (%1) ist größer als %2 Bytes; TokenLab hat aufgehört, sie zu lesen.</translation>
    </message>
    <message>
        <source>No answer from the %1: %2</source>
        <translation>Keine Antwort vom %1: %2</translation>
    </message>
    <message>
        <source>The %1&apos;s answer broke off: %2</source>
        <translation>Die Antwort (%1) brach ab: %2</translation>
    </message>
    <message>
        <source>The %1 answered with a redirect (HTTP %2); %3</source>
        <translation>Der %1 antwortete mit einer Weiterleitung (HTTP %2); %3</translation>
    </message>
    <message>
        <source>token endpoint</source>
        <translation>Token-Endpunkt</translation>
    </message>
    <message>
        <source>TokenLab does not send codes or secrets on to another address.</source>
        <translation>TokenLab sendet Codes oder Geheimnisse nicht an eine andere Adresse weiter.</translation>
    </message>
    <message>
        <source>The token endpoint asked for a DPoP nonce; TokenLab sent the request again with it.</source>
        <translation>Der Token-Endpunkt verlangte eine DPoP-Nonce; TokenLab hat die Anfrage damit erneut gesendet.</translation>
    </message>
    <message>
        <source>The issuer answered the DPoP proof with a Bearer token: it does not bind tokens to the key (no DPoP support, or not for this client).</source>
        <translation>Der Issuer hat den DPoP-Proof mit einem Bearer-Token beantwortet: Er bindet Tokens nicht an den Schlüssel (keine DPoP-Unterstützung, oder nicht für diesen Client).</translation>
    </message>
    <message>
        <source>The pushed authorization request endpoint asked for a DPoP nonce; TokenLab sent the request again with it.</source>
        <translation>Der Pushed-Authorization-Request-Endpunkt verlangte eine DPoP-Nonce; TokenLab hat die Anfrage damit erneut gesendet.</translation>
    </message>
    <message>
        <source>pushed authorization request endpoint</source>
        <translation>Pushed-Authorization-Request-Endpunkt</translation>
    </message>
    <message>
        <source>TokenLab does not send the authorization request on to another address.</source>
        <translation>TokenLab sendet die Autorisierungsanfrage nicht an eine andere Adresse weiter.</translation>
    </message>
    <message>
        <source>The pushed authorization request endpoint answered HTTP %1 without an OAuth error.</source>
        <translation>Der Pushed-Authorization-Request-Endpunkt antwortete mit HTTP %1 ohne OAuth-Fehler.</translation>
    </message>
    <message>
        <source>The issuer refused the pushed authorization request: %1.</source>
        <translation>Der Issuer hat die Pushed Authorization Request abgelehnt: %1.</translation>
    </message>
    <message>
        <source>The pushed authorization request endpoint&apos;s answer has no usable request_uri.</source>
        <translation>Die Antwort des Pushed-Authorization-Request-Endpunkts hat keine verwendbare request_uri.</translation>
    </message>
    <message>
        <source>The pushed authorization request endpoint&apos;s answer has no positive expires_in.</source>
        <translation>Die Antwort des Pushed-Authorization-Request-Endpunkts hat kein positives expires_in.</translation>
    </message>
    <message>
        <source>The device authorization endpoint asked for a DPoP nonce; TokenLab sent the request again with it.</source>
        <translation>Der Device-Authorization-Endpunkt verlangte eine DPoP-Nonce; TokenLab hat die Anfrage damit erneut gesendet.</translation>
    </message>
    <message>
        <source>device authorization endpoint</source>
        <translation>Device-Authorization-Endpunkt</translation>
    </message>
    <message>
        <source>TokenLab does not send the request on to another address.</source>
        <translation>TokenLab sendet die Anfrage nicht an eine andere Adresse weiter.</translation>
    </message>
    <message>
        <source>introspection endpoint</source>
        <translation>Introspektions-Endpunkt</translation>
    </message>
    <message>
        <source>TokenLab does not send tokens on to another address.</source>
        <translation>TokenLab sendet Tokens nicht an eine andere Adresse weiter.</translation>
    </message>
    <message>
        <source>revocation endpoint</source>
        <translation>Widerrufs-Endpunkt</translation>
    </message>
    <message>
        <source>The revocation endpoint is unavailable for now (HTTP 503)%1; the refresh token is still valid. Try again later.</source>
        <translation>Der Widerrufs-Endpunkt ist derzeit nicht verfügbar (HTTP 503)%1; das Refresh-Token ist weiterhin gültig. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>, and asks to be tried again after %1</source>
        <translation>, und bittet, es nach %1 erneut zu versuchen</translation>
    </message>
    <message>
        <source>The revocation endpoint answered HTTP %1 without an OAuth error; is the revocation endpoint URL right?</source>
        <translation>Der Widerrufs-Endpunkt antwortete mit HTTP %1 ohne OAuth-Fehler; stimmt die URL des Widerrufs-Endpunkts?</translation>
    </message>
    <message>
        <source>The revocation endpoint does not revoke refresh tokens (unsupported_token_type); the refresh token stays valid until it expires.</source>
        <translation>Der Widerrufs-Endpunkt widerruft keine Refresh-Tokens (unsupported_token_type); das Refresh-Token bleibt gültig, bis es abläuft.</translation>
    </message>
    <message>
        <source>The revocation endpoint refused the request: %1.</source>
        <translation>Der Widerrufs-Endpunkt hat die Anfrage abgelehnt: %1.</translation>
    </message>
</context>
<context>
    <name>TokenInput</name>
    <message>
        <source>the Authorization: header name</source>
        <translation>den Header-Namen „Authorization:“</translation>
    </message>
    <message>
        <source>the Bearer scheme</source>
        <translation>das Bearer-Schema</translation>
    </message>
    <message>
        <source>the DPoP scheme</source>
        <translation>das DPoP-Schema</translation>
    </message>
    <message>
        <source>Stripped %1.</source>
        <translation>Entfernt: %1.</translation>
    </message>
</context>
<context>
    <name>TokenInspector</name>
    <message>
        <source>Expect:</source>
        <translation>Erwartet:</translation>
    </message>
    <message>
        <source>issuer (iss), e.g. https://id.example/</source>
        <translation>Issuer (iss), z. B. https://id.example/</translation>
    </message>
    <message>
        <source>audience (aud): the API, or a client for an ID token</source>
        <translation>Audience (aud): die API, oder ein Client bei einem ID-Token</translation>
    </message>
    <message>
        <source>client (azp)</source>
        <translation>Client (azp)</translation>
    </message>
    <message>
        <source>Expected %1. Empty: not checked.</source>
        <translation>Erwartet: %1. Leer: nicht geprüft.</translation>
    </message>
    <message>
        <source>A&amp;ccess token (DPoP-bound)</source>
        <translation>A&amp;ccess-Token (DPoP-gebunden)</translation>
    </message>
    <message>
        <source>A&amp;ccess token</source>
        <translation>A&amp;ccess-Token</translation>
    </message>
    <message>
        <source>No access token yet: log in on the Login tab.</source>
        <translation>Noch kein Access-Token: Melden Sie sich auf dem Reiter „Anmeldung“ an.</translation>
    </message>
    <message>
        <source>No id_token: log in with the openid scope.</source>
        <translation>Kein ID-Token: Melden Sie sich mit dem Scope openid an.</translation>
    </message>
    <message>
        <source>No refresh token: ask for offline_access to get one.</source>
        <translation>Kein Refresh-Token: Fordern Sie offline_access an, um eines zu erhalten.</translation>
    </message>
    <message>
        <source>Paste or drop a token above to decode it.</source>
        <translation>Fügen Sie oben ein Token ein oder legen Sie es dort ab, um es zu dekodieren.</translation>
    </message>
    <message>
        <source>Requested versus granted</source>
        <translation>Angefordert gegenüber gewährt</translation>
    </message>
    <message>
        <source>Paste or drop a token here: a JWT, a JWE, an opaque token, or a whole &quot;Authorization: Bearer …&quot; line</source>
        <translation>Fügen Sie hier ein Token ein oder legen Sie es ab: ein JWT, ein JWE, ein opakes Token oder eine ganze Zeile „Authorization: Bearer …“</translation>
    </message>
    <message>
        <source>The token, its header, payload and signature in their colours</source>
        <translation>Das Token, sein Header, Payload und seine Signatur in ihren Farben</translation>
    </message>
    <message>
        <source>Header, payload and signature, each in its own colour; a character the decoder refuses is underlined.</source>
        <translation>Header, Payload und Signatur, jeweils in eigener Farbe; ein Zeichen, das der Decoder ablehnt, ist unterstrichen.</translation>
    </message>
    <message>
        <source>Verify with: the issuer the token names (default), a JWKS URL, or a PEM public key file</source>
        <translation>Verifizieren mit: dem Issuer, den das Token nennt (Standard), einer JWKS-URL oder einer Datei mit öffentlichem PEM-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;ID token</source>
        <translation>ID-Tok&amp;en</translation>
    </message>
    <message>
        <source>&amp;Refresh token</source>
        <translation>Refre&amp;sh-Token</translation>
    </message>
    <message>
        <source>Asked for but not in the access token: the user withheld it, or may not have it. An API that needs it will answer 403.</source>
        <translation>Angefordert, aber nicht im Access-Token: Der Benutzer hat ihn zurückgehalten oder darf ihn nicht haben. Eine API, die ihn braucht, wird mit 403 antworten.</translation>
    </message>
    <message>
        <source>Granted without being asked for.</source>
        <translation>Gewährt, ohne angefordert zu sein.</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Angefordert</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Gewährt</translation>
    </message>
    <message>
        <source>Paste a to&amp;ken</source>
        <translation>Token ein&amp;fügen</translation>
    </message>
</context>
<context>
    <name>TokenIntrospectionJob</name>
    <message>
        <source>There is no token to ask about.</source>
        <translation>Es gibt kein Token, nach dem gefragt werden kann.</translation>
    </message>
    <message>
        <source>The issuer %1 names no introspection_endpoint in its metadata, so it cannot be asked about a token (RFC 7662).</source>
        <translation>Der Issuer %1 nennt in seinen Metadaten keinen introspection_endpoint, daher kann er nicht nach einem Token gefragt werden (RFC 7662).</translation>
    </message>
</context>
<context>
    <name>TokenLab</name>
    <message>
        <source>Sandbox: authorization server on port %1 · API on port %2</source>
        <translation>Sandbox: Autorisierungsserver auf Port %1 · API auf Port %2</translation>
    </message>
    <message>
        <source>Sandbox tenant started at %1</source>
        <translation>Sandbox-Tenant unter %1 gestartet</translation>
    </message>
    <message>
        <source>Sandbox switches: %1</source>
        <translation>Sandbox-Schalter: %1</translation>
    </message>
    <message>
        <source>Another start of TokenLab will open a second window: %1</source>
        <translation>Ein weiterer Start von TokenLab öffnet ein zweites Fenster: %1</translation>
    </message>
</context>
<context>
    <name>TokenLabSandbox</name>
    <message>
        <source>Runs TokenLab&apos;s sandbox tenant on 127.0.0.1: an OpenID provider with demo users and the quickstart sample API. Prints one JSON line (issuer, api_base_url, audience, client_id, m2m_client_id, m2m_client_secret, registration_endpoint) once it listens; stops on Ctrl+C or SIGTERM.</source>
        <translation>Betreibt den Sandbox-Tenant von TokenLab auf 127.0.0.1: einen OpenID Provider mit Demo-Benutzern und der Beispiel-API des Schnellstarts. Gibt eine JSON-Zeile aus (issuer, api_base_url, audience, client_id, m2m_client_id, m2m_client_secret, registration_endpoint), sobald er lauscht; stoppt bei Strg+C oder SIGTERM.</translation>
    </message>
    <message>
        <source>Port of the authorization server (0 picks a free port).</source>
        <translation>Port des Autorisierungsservers (0 wählt einen freien Port).</translation>
    </message>
    <message>
        <source>Port of the sample API (0 picks a free port).</source>
        <translation>Port der Beispiel-API (0 wählt einen freien Port).</translation>
    </message>
    <message>
        <source>Lifetime of access and ID tokens in seconds (default 3600).</source>
        <translation>Lebensdauer von Access- und ID-Tokens in Sekunden (Standard 3600).</translation>
    </message>
    <message>
        <source>Sign with the key that tokenlab and tokenlab-cli keep in the OS keychain (service TokenLab, entry sandbox-signing-key; created there when there is none), so that its tokens verify after a restart and tokenlab-cli probe --mint can sign with it. Only the key: the ports still come from --port and --api-port, and the ports the app remembers are neither used nor changed, so keep --port the same when the issuer URL must stay the same. The JSON line is printed once the key is loaded and adds &quot;kid&quot; and &quot;signing_key&quot; (&quot;keychain&quot; or &quot;new-in-keychain&quot;); exits 2 when the keychain cannot give or keep the key.</source>
        <translation>Mit dem Schlüssel signieren, den tokenlab und tokenlab-cli im Schlüsselbund des Systems aufbewahren (Dienst TokenLab, Eintrag sandbox-signing-key; dort angelegt, wenn es keinen gibt), damit seine Tokens nach einem Neustart verifizierbar sind und tokenlab-cli probe --mint damit signieren kann. Nur der Schlüssel: Die Ports kommen weiterhin aus --port und --api-port, und die Ports, die sich die App merkt, werden weder verwendet noch geändert; behalten Sie --port also bei, wenn die Issuer-URL gleich bleiben muss. Die JSON-Zeile wird ausgegeben, sobald der Schlüssel geladen ist, und enthält zusätzlich &quot;kid&quot; und &quot;signing_key&quot; (&quot;keychain&quot; oder &quot;new-in-keychain&quot;); Exit-Status 2, wenn der Schlüsselbund den Schlüssel nicht liefern oder aufbewahren kann.</translation>
    </message>
    <message>
        <source>Skip the login and consent pages: sign in as USER (alice or bob) and consent to all the scopes that user may have, or only those listed.</source>
        <translation>Die Anmelde- und Zustimmungsseiten überspringen: als USER (alice oder bob) anmelden und allen Scopes zustimmen, die dieser Benutzer haben darf, oder nur den aufgeführten.</translation>
    </message>
    <message>
        <source>Accept only pushed authorization requests (RFC 9126): /authorize refuses plain ones, and discovery says require_pushed_authorization_requests.</source>
        <translation>Nur Pushed Authorization Requests annehmen (RFC 9126): /authorize lehnt einfache ab, und das Discovery-Dokument sagt require_pushed_authorization_requests.</translation>
    </message>
    <message>
        <source>Make the token endpoint and the sample API demand a server nonce in DPoP proofs (RFC 9449 8 and 9); nonces rotate every 60 seconds.</source>
        <translation>Token-Endpunkt und Beispiel-API verlangen eine Server-Nonce in DPoP-Proofs (RFC 9449 8 und 9); Nonces wechseln alle 60 Sekunden.</translation>
    </message>
    <message>
        <source>How the sample API treats DPoP: &quot;allowed&quot; (the default: Bearer and DPoP tokens) or &quot;required&quot; (DPoP-bound tokens with a proof only).</source>
        <translation>Wie die Beispiel-API DPoP behandelt: &quot;allowed&quot; (Standard: Bearer- und DPoP-Tokens) oder &quot;required&quot; (nur DPoP-gebundene Tokens mit einem Proof).</translation>
    </message>
    <message>
        <source>Print this program&apos;s man page (roff).</source>
        <translation>Die Manpage dieses Programms ausgeben (roff).</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;; see --help.</source>
        <translation>Unerwartetes Argument „%1“; siehe --help.</translation>
    </message>
    <message>
        <source>--key-from-keychain: the sandbox would sign with %1</source>
        <translation>--key-from-keychain: Die Sandbox würde mit %1 signieren</translation>
    </message>
</context>
<context>
    <name>TokenSet</name>
    <message>
        <source>The token endpoint refused the request: %1.</source>
        <translation>Der Token-Endpunkt hat die Anfrage abgelehnt: %1.</translation>
    </message>
    <message>
        <source>The token endpoint answered HTTP %1 without an OAuth error; is the token endpoint URL right?</source>
        <translation>Der Token-Endpunkt antwortete mit HTTP %1 ohne OAuth-Fehler; stimmt die URL des Token-Endpunkts?</translation>
    </message>
    <message>
        <source>The token endpoint answered, but not with a JSON object.</source>
        <translation>Der Token-Endpunkt antwortete, aber nicht mit einem JSON-Objekt.</translation>
    </message>
    <message>
        <source>The token endpoint&apos;s answer has no access_token.</source>
        <translation>Die Antwort des Token-Endpunkts hat kein access_token.</translation>
    </message>
    <message>
        <source>The token endpoint issued a DPoP-bound token although TokenLab sent no DPoP proof; the token cannot be used.</source>
        <translation>Der Token-Endpunkt hat ein DPoP-gebundenes Token ausgestellt, obwohl TokenLab keinen DPoP-Proof gesendet hat; das Token ist nicht verwendbar.</translation>
    </message>
    <message>
        <source>The token endpoint issued a token of type &quot;%1&quot;; TokenLab can use Bearer and DPoP tokens.</source>
        <translation>Der Token-Endpunkt hat ein Token vom Typ „%1“ ausgestellt; TokenLab kann Bearer- und DPoP-Tokens verwenden.</translation>
    </message>
    <message>
        <source>The token endpoint&apos;s expires_in (%1) is not a sensible lifetime.</source>
        <translation>expires_in des Token-Endpunkts (%1) ist keine sinnvolle Lebensdauer.</translation>
    </message>
    <message>
        <source>The token endpoint&apos;s expires_in is not a number.</source>
        <translation>expires_in des Token-Endpunkts ist keine Zahl.</translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <source>memory (this run only)</source>
        <translation>Arbeitsspeicher (nur dieser Lauf)</translation>
    </message>
    <message>
        <source>Nothing is stored for this profile.</source>
        <translation>Für dieses Profil ist nichts gespeichert.</translation>
    </message>
    <message>
        <source>No such secret is stored for this profile.</source>
        <translation>Für dieses Profil ist kein solches Geheimnis gespeichert.</translation>
    </message>
</context>
<context>
    <name>TokenVerifier</name>
    <message>
        <source>The PEM key cannot be used: </source>
        <translation>Der PEM-Schlüssel kann nicht verwendet werden: </translation>
    </message>
    <message>
        <source>the PEM key given</source>
        <translation>dem angegebenen PEM-Schlüssel</translation>
    </message>
    <message>
        <source>the issuer&apos;s JWKS</source>
        <translation>dem JWKS des Issuers</translation>
    </message>
    <message>
        <source>Not verified: </source>
        <translation>Nicht verifiziert: </translation>
    </message>
    <message>
        <source>Not verified: no keys were given.</source>
        <translation>Nicht verifiziert: Es wurden keine Schlüssel angegeben.</translation>
    </message>
</context>
<context>
    <name>TokenView</name>
    <message>
        <source>Cop&amp;y token</source>
        <translation>Token &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy head&amp;er</source>
        <translation>Heade&amp;r kopieren</translation>
    </message>
    <message>
        <source>Copy payloa&amp;d</source>
        <translation>Pay&amp;load kopieren</translation>
    </message>
    <message>
        <source>An opaque token (not a JWT), %1 characters: only its issuer can say what it means. Refresh tokens are usually opaque.</source>
        <translation>Ein opakes Token (kein JWT), %1 Zeichen: Nur sein Issuer kann sagen, was es bedeutet. Refresh-Tokens sind meist opak.</translation>
    </message>
    <message>
        <source>An encrypted token (JWE): its claims are readable only by the API it is meant for. Its header is shown.</source>
        <translation>Ein verschlüsseltes Token (JWE): Seine Claims kann nur die API lesen, für die es bestimmt ist. Sein Header wird gezeigt.</translation>
    </message>
    <message>
        <source>A signed JWT (%1). Checking…</source>
        <translation>Ein signiertes JWT (%1). Wird geprüft…</translation>
    </message>
    <message>
        <source>A signed JWT (%1) whose signature part was altered: its claims are shown, and no key can verify it.</source>
        <translation>Ein signiertes JWT (%1), dessen Signaturteil verändert wurde: Seine Claims werden gezeigt, und kein Schlüssel kann es verifizieren.</translation>
    </message>
    <message>
        <source>%1 seconds since 1970 (UTC)</source>
        <translation>%1 Sekunden seit 1970 (UTC)</translation>
    </message>
    <message>
        <source>%1 characters; copy to see all</source>
        <translation>%1 Zeichen; kopieren, um alles zu sehen</translation>
    </message>
    <message>
        <source>No expiry</source>
        <translation>Kein Ablauf</translation>
    </message>
    <message>
        <source>✔ passed</source>
        <translation>✔ bestanden</translation>
    </message>
    <message>
        <source>✘ failed</source>
        <translation>✘ gescheitert</translation>
    </message>
    <message>
        <source>– not checked</source>
        <translation>– nicht geprüft</translation>
    </message>
    <message>
        <source>an access token</source>
        <translation>ein Access-Token</translation>
    </message>
    <message>
        <source>an id_token</source>
        <translation>ein ID-Token</translation>
    </message>
    <message>
        <source>a token</source>
        <translation>ein Token</translation>
    </message>
    <message>
        <source>A signed JWT (%1), %2: &lt;span style=&apos;color:%4&apos;&gt;&lt;b&gt;signature verified&lt;/b&gt;&lt;/span&gt; with the key &lt;code&gt;%3&lt;/code&gt;.</source>
        <translation>Ein signiertes JWT (%1), %2: &lt;span style=&apos;color:%4&apos;&gt;&lt;b&gt;Signatur verifiziert&lt;/b&gt;&lt;/span&gt; mit dem Schlüssel &lt;code&gt;%3&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>A signed JWT (%1), %2: &lt;span style=&apos;color:%3&apos;&gt;&lt;b&gt;signature not verified&lt;/b&gt;&lt;/span&gt;.</source>
        <translation>Ein signiertes JWT (%1), %2: &lt;span style=&apos;color:%3&apos;&gt;&lt;b&gt;Signatur nicht verifiziert&lt;/b&gt;&lt;/span&gt;.</translation>
    </message>
    <message>
        <source> &lt;span style=&apos;color:%1&apos;&gt;%2&lt;/span&gt;</source>
        <translation> &lt;span style=&apos;color:%1&apos;&gt;%2&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Payload</translation>
    </message>
    <message>
        <source>Expired %1</source>
        <translation>Abgelaufen %1</translation>
    </message>
    <message>
        <source>Expires %1</source>
        <translation>Läuft %1 ab</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 Eintrag</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 Einträge</translation>
    </message>
</context>
<context>
    <name>VariablesEditor</name>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheim</translation>
    </message>
    <message>
        <source>Use them as {{name}} in the URL, headers and body. {{base}} is the profile&apos;s API base URL and {{token}} its access token. A secret value is kept in the keychain, never in a file.</source>
        <translation>Verwenden Sie sie als {{name}} in URL, Headern und Body. {{base}} ist die API-Basis-URL des Profils und {{token}} sein Access-Token. Ein geheimer Wert wird im Schlüsselbund aufbewahrt, nie in einer Datei.</translation>
    </message>
    <message>
        <source>Kept in the keychain; type a new value to replace it.</source>
        <translation>Im Schlüsselbund aufbewahrt; geben Sie einen neuen Wert ein, um ihn zu ersetzen.</translation>
    </message>
    <message>
        <source>The secret variable %1 needs a value.</source>
        <translation>Die geheime Variable %1 braucht einen Wert.</translation>
    </message>
    <message>
        <source>The secret variable %1 could not be kept in the keychain: %2</source>
        <translation>Die geheime Variable %1 konnte nicht im Schlüsselbund aufbewahrt werden: %2</translation>
    </message>
    <message>
        <source>Saved 1 variable.</source>
        <translation>1 Variable gespeichert.</translation>
    </message>
    <message>
        <source>Saved %1 variables.</source>
        <translation>%1 Variablen gespeichert.</translation>
    </message>
</context>
<context>
    <name>WwwAuthenticate</name>
    <message>
        <source>The WWW-Authenticate header is longer than 16 KiB.</source>
        <translation>Der WWW-Authenticate-Header ist länger als 16 KiB.</translation>
    </message>
    <message>
        <source>Unexpected character &apos;%1&apos; where a scheme should start.</source>
        <translation>Unerwartetes Zeichen &apos;%1&apos;, wo ein Schema beginnen sollte.</translation>
    </message>
    <message>
        <source>The %1 challenge has something that is neither a parameter nor a token68.</source>
        <translation>Die %1-Challenge enthält etwas, das weder ein Parameter noch ein token68 ist.</translation>
    </message>
    <message>
        <source>Unexpected character &apos;%1&apos; in the %2 challenge.</source>
        <translation>Unerwartetes Zeichen &apos;%1&apos; in der %2-Challenge.</translation>
    </message>
    <message>
        <source>A quoted value in the %1 challenge is not closed.</source>
        <translation>Ein Wert in Anführungszeichen in der %1-Challenge ist nicht geschlossen.</translation>
    </message>
    <message>
        <source>The parameter &quot;%1&quot; of the %2 challenge has no value.</source>
        <translation>Der Parameter „%1“ der %2-Challenge hat keinen Wert.</translation>
    </message>
    <message>
        <source>Missing comma after the parameter &quot;%1&quot; of the %2 challenge.</source>
        <translation>Nach dem Parameter „%1“ der %2-Challenge fehlt ein Komma.</translation>
    </message>
</context>
<context>
    <name>YamlDocument</name>
    <message>
        <source>an alias refers to a node that contains it, which makes the document endless</source>
        <translation>Ein Alias verweist auf einen Knoten, der ihn enthält, was das Dokument endlos macht</translation>
    </message>
    <message>
        <source>with its aliases expanded the document has more than %L1 nodes, more than any API description needs</source>
        <translation>Mit aufgelösten Aliasen hat das Dokument mehr als %L1 Knoten, mehr als jede API-Beschreibung braucht</translation>
    </message>
    <message>
        <source>the document has more than %L1 values, more than any API description needs</source>
        <translation>Das Dokument hat mehr als %L1 Werte, mehr als jede API-Beschreibung braucht</translation>
    </message>
    <message>
        <source>the document nests deeper than %1 levels</source>
        <translation>Das Dokument ist tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <source>the YAML does not parse (%1)</source>
        <translation>Das YAML lässt sich nicht parsen (%1)</translation>
    </message>
    <message>
        <source>Line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
</context>
</TS>
