<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApiConsole</name>
    <message>
        <source>&amp;Without the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Even if e&amp;xpired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls you send show here, newest last, and are kept across restarts without their tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a&amp;gain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit a &amp;copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the request editor with this endpoint and send it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the request without the access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the access token even when it has expired, to see what the API answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the selected call again as it was (Enter in the list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected call in the request editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved re&amp;quests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Var&amp;iables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the profile to call its API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the profile&apos;s API base URL on the Login tab to call its API, or type a full URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: calls to %1 carry the access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready; no access token yet, so calls go without one. Log in first for the private endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(probe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This call is not in the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent again without the headers the history keeps redacted; use Edit a copy to type them in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call is in the request editor; redacted headers are left out, type them again if the API needs them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the profile first; its requests are saved with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Its DPoP proof was made now: run it within a minute (servers allow some leeway), once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Its DPoP proof is the one already sent, which servers refuse a second time; call once more from here for a fresh one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> It holds the value of a secret variable: do not share it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied a curl command for %1 %2; it asks tokenlab-cli for the token of %3 when it runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied a curl command for %1 %2 (the call carried no token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no access token to copy; log in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied a curl command for %1 %2 with the access token itself in it; do not share it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrunoImport</name>
    <message>
        <source>Line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not the start of a block (&quot;name {&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a block has no name, or a name with a space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the block &quot;%1&quot; is never closed with &quot;%2&quot; on a line of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a line of &quot;%1&quot; is not &quot;key: value&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder holds more than %1 files, more than a collection TokenLab reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name &quot;%1&quot; is not a plain path inside the collection folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folders are nested more than %1 deep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The collection&apos;s files add up to more than %1 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder has no bruno.json, so it is not a Bruno collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bruno.json is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The environment &quot;%1&quot; was left out: the import takes the first one only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the environment &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was skipped: it is not an HTTP request (GraphQL and others are not imported).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was skipped: it has no URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 body of %2 was left out: TokenLab sends JSON, form and raw bodies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 uses Bruno&apos;s %2 auth, which TokenLab does not import; it sends the profile&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no bruno.json, so it is not a Bruno collection folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds more than %2 .bru files, more than a collection TokenLab reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceCodeView</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter this code at the address below, on a phone or another computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the address where the code is entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the address that carries the code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan with a phone to open the sign-in page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the verification address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the verification address with the code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a phone or another computer, open the address and enter the code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the sign-in on the other device: %1 left.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiscoverProfileDialog</name>
    <message>
        <source>&amp;Register TokenLab at the API&apos;s authorization server (RFC 7591)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an &amp;existing client ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile from an API URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>my-api</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://api.example.com/v1/things</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TokenLab calls the URL without a token and follows what the API publishes: its protected resource metadata (RFC 9728), its authorization server&apos;s metadata, and, if you agree, registration. Nothing is saved until every step succeeded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;teps:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpDialogs</name>
    <message>
        <source>Save profile (Login tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the request (API tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected endpoint URL (Issuer list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+underlined letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to that field, button or tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Session menu&apos;s keys work on every tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TokenLab %1
Qt %2 (built with %3)
%4
Tokens are kept in %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About TokenLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TokenLab: a desktop client and test harness for OAuth 2.0 and OpenID Connect.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryEntry</name>
    <message>
        <source>an entry has no valid id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entry %1 has no method or URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the headers of entry %1 are not a list of name and value pairs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2
%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportApplyJob</name>
    <message>
        <source>A profile named %1 already exists; pick another name, nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The imported profile cannot be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no OAuth 2.0 settings, so its requests and variables join an existing profile, and there is no profile named %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile %1 already has a saved request &quot;%2&quot;; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile %1 already has a variable %2; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The imported requests cannot be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret could not be kept in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client secret: keychain entry %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret variable %1 could not be kept in the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>variable %1: keychain entry %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to &amp;profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Client ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audience:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets kept in the keychain, never in TokenLab&apos;s files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no value in the file, nothing stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret → keychain entry %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable %1 → keychain entry %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportSource</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 from %2 (%3):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  grant:     %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authorization code with PKCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  secret:    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent in an HTTP Basic header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent in the request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  issuer:    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none: give one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  client ID: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  scope:     %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  audience:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  resource:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests and variables from %1 (%2) for the existing profile %3:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  API base:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  The profile keeps its API base; %1 stays a variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved requests (%1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ... and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variables (%1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1 (secret)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets kept in the keychain, never in TokenLab&apos;s files (%1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1: no value in the file, nothing stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  client secret -&gt; %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  variable %1 -&gt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportedCollection</name>
    <message>
        <source>The file is not valid JSON (%1 at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TokenLab cannot tell which tool wrote this file: it is not a Postman collection or environment, an Insomnia export or an OpenAPI document. Name the format with --format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than %1 MiB, more than an export TokenLab reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The variable &quot;%1&quot; of %2 was skipped: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The variable &quot;%1&quot; was skipped: an import keeps at most %2 variables.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret variable %1 has no value in %2; set it in the Variables editor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; was skipped: &quot;%2&quot; is not an HTTP method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; was skipped: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holds %1 requests, more than the %2 an import takes; split it and import the parts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The variable %1 became the profile&apos;s API base %2, and {{%1}} became {{base}}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has its own OAuth 2.0 settings; only the first ones found became the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 signs in without PKCE; TokenLab always sends a PKCE S256 challenge (RFC 7636).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 uses the %2 grant, which TokenLab does not do; the profile uses the authorization code grant with PKCE instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuer %1 was derived from %2; discovery checks it when you sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no token or authorization URL TokenLab can read; give the issuer yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names no client ID TokenLab can read; give the one registered for TokenLab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret refers to a variable the import does not hold; store it with the profile editor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client secret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsomniaImport</name>
    <message>
        <source>This is an Insomnia 5 collection; export it as &quot;Insomnia v4 (JSON)&quot; for TokenLab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An Insomnia export needs &quot;__export_format&quot;: 4 and a &quot;resources&quot; list; this file has not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The environment &quot;%1&quot; was left out: the import takes the first sub-environment only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folders are nested more than %1 deep (or loop).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; was skipped: it has no URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The multipart body of &quot;%1&quot; was left out: TokenLab sends JSON, form and raw bodies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; uses Insomnia&apos;s %2 authentication, which TokenLab does not import; it sends the profile&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the environment &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The variable %1 holds a list or an object, which TokenLab&apos;s variables cannot; it was skipped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IssuerPanel</name>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+C copies the selected URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the issuer&apos;s discovery document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuer answered; its endpoints:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Userinfo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAR (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introspection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoped API</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeychainSecret</name>
    <message>
        <source>The keychain did not answer within %1 s; it may be waiting for you to unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginPanel</name>
    <message>
        <source>and end the bro&amp;wser session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cop&amp;y URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in URL of the login that waits, to copy into a browser if none opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in URL, while a login waits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the sign-in URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in with profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged in as %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the authorization request was pushed first (PAR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tokens are bound to the profile&apos;s DPoP key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshing the tokens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens refreshed at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another TokenLab process had renewed the tokens already; these are its tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoking the refresh token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked the refresh token and forgot the tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot the tokens; revoking had problems (see below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged out, with problems (see below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged out of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the tokens of &quot;%1&quot;? TokenLab deletes them from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refresh token stays valid at the issuer until it expires: anyone holding a copy can still get new access tokens with it. &quot;Revoke and forget&quot; asks the issuer to revoke it first (RFC 7009), without ending the browser session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke and forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokens could not be forgotten: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot the tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the tokens of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no id_token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Granted scopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the token&apos;s scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id_token checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the new profile, then log in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A login for %1 is waiting; finish or cancel it there first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source> Copy the sign-in URL instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be opened; copy the sign-in URL into one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TokenLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;okens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens are kept in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the probe plan of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Profile from an &amp;API URL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Activity log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About TokenLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewing the tokens of %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshed the tokens of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took the tokens of %1 another TokenLab process had renewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored the tokens of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keychain problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in again asking for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox switches: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another start of TokenLab brought this window forward</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenApiImport</name>
    <message>
        <source>This is a Swagger 2.0 document; TokenLab reads OpenAPI 3.x (convert it with swagger2openapi).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document has no &quot;openapi&quot;: &quot;3.x&quot; field, so it is not an OpenAPI 3 document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;paths&quot; is not a map of paths to operations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server URL %1 is not an absolute http(s) URL; set the profile&apos;s API base yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document declares no oauth2 or openIdConnect security scheme.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An OpenAPI document names no audience; a client credentials profile needs the API identifier it asks tokens for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The path %1 does not start with a slash and was skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the path %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scheme %1 has no openIdConnectUrl TokenLab can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuer %1 comes from the scheme %2&apos;s openIdConnectUrl.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scheme %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scheme %1 has no flows.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <source>A&amp;dd endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to the default plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative to the profile&apos;s API base, starting with /</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public: no token needed; token: any valid token; scopes: a token with the scopes listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scopes a scopes endpoint needs, separated by spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API takes the token in the Authorization header only: one accepted in the query or a form body is a fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an endpoint below the current one (Insert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected endpoints (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read a TokenLab plan, or an OpenAPI 3.0 or 3.1 document in JSON or YAML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans and OpenAPI documents (*.json *.yaml *.yml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan has no endpoints; add one, import a plan or reset to the default plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan has %L1 endpoints; TokenLab probes at most %L2 in one plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not imported. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported 1 endpoint from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %L1 endpoints from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the default plan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostmanImport</name>
    <message>
        <source>The file is not valid JSON (%1 at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is JSON but not an object, so not a Postman collection or environment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a Postman collection v1; export it again as Collection v2.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Postman collection needs an &quot;info&quot; object and an &quot;item&quot; list; this file has not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The collection&apos;s schema %1 is not v2.0 or v2.1; export it again as Collection v2.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 uses Postman&apos;s %2 authorization, which TokenLab does not import; its requests send the profile&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folders are nested more than %1 deep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An item without a request or items (&quot;%1&quot;) was skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; was skipped: it is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request &quot;%1&quot; was skipped: it has no URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 body of &quot;%2&quot; was left out: TokenLab sends JSON, form and raw bodies.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProbePanel</name>
    <message>
        <source>Mint tokens with the TokenLab sandbox &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile of the same issuer whose token lacks the plan&apos;s scopes, for the missing-scope cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile of the same issuer whose token is for another API, for the other-audience cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile of the same issuer whose token has expired, for the expired cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For an API that trusts a TokenLab sandbox: tokens signed with its key, with no exp, another issuer, substring scopes and more. The profile&apos;s issuer must be this machine&apos;s sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Narro&amp;w token from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other a&amp;udience from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpired token from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JUnit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probing: %1 of %2 cells…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe case &quot;%1&quot; on %2 %3: %4. Expected %5; got %6: %7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the profile to probe its API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No access token: only the cases without a token will run. Log in first for the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to probe %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting fresh tokens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the sandbox key from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting the issuer&apos;s keys and a fresh key ready…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Not run: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Expected %2%3, got %4 (%5).%6
Click to open it in the API tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JUnit XML (*.xml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the probe&apos;s cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 cells to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProbeRunner</name>
    <message>
        <source>Sent over a socket of TokenLab&apos;s own, with both Authorization header fields as given.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileDiscovery</name>
    <message>
        <source>Calling %1 without a token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API answered HTTP 401 and names its protected resource metadata: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API answered HTTP 401 without resource_metadata; trying the well-known address (RFC 9728 3.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API answered %1, not HTTP 401 with a challenge; trying the well-known address (RFC 9728 3.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP 404; trying %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resource is %1; its authorization server: %2; its scopes: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none named</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It names %1 authorization servers; TokenLab uses the first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the metadata of %1 (RFC 8414, then OpenID discovery).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found %1 metadata: authorization at %2, tokens at %3%4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFC 8414</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, registration at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the client ID %1; not registering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for consent to register TokenLab at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registering TokenLab as a native public client at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered: the client ID is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered: the client ID is %1; its registration access token will be kept in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile %1 is ready: issuer %2, client %3, resource %4, scope &quot;%5&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>Copy public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind tokens to a proof key (DPoP, RFC 9449)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always push the authorization request (PAR, RFC 9126)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in on another device (device flow, RFC 8628)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the client proves who it is at the token endpoint. private_key_jwt signs each request with a key kept in the keychain; with the authorization code grant it makes the profile a confidential client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aud: the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aud: the token endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audience of each client assertion: the issuer identifier (Auth0, RFC 7523bis) or the token endpoint URL (Okta).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the public JWK of the profile&apos;s client key (made on first use, kept in the keychain) to register it at the issuer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep an existing private key (PKCS#8 PEM, RSA or EC) as the profile&apos;s client key, for a client already registered at the issuer with its public half. The file is read once; the key lives in the keychain only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every token request and API call carries a proof signed by a key only this profile holds (in the keychain); a stolen token is useless without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POST the authorization parameters to the issuer first; the browser gets only client_id and request_uri. Used anyway when the issuer requires it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in shows a code to enter on a phone or another computer instead of opening a browser here; for machines without one. The issuer must offer the device flow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardening:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileFile</name>
    <message>
        <source>TokenLab cannot read %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than %2 KiB, more than TokenLab ever writes there; move it away or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TokenLab cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another TokenLab process has been writing %1 for %2 s; try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <source>Save profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save profile (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox tenant on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the issuer (or Auth0 domain) and client ID, then Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the profile first: its client key is kept in the keychain under the saved name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client key of %1 could not be read or made: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made a client key for %1 and copied its public JWK (kid %2); register it at the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the public JWK of %1&apos;s client key (kid %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a client key for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM private keys (*.pem *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client key of %1 was not imported: %2 cannot be read (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client key of %1 was not imported: %2 is larger than %3 KiB, too large for a PEM key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client key of %1 was not imported from %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept the key from %1 as the client key of %2 (kid %3) in %4; the file itself is not needed any more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: a profile named &quot;%1&quot; exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not renamed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved the %1 of %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept the client secret of %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret of %1 could not be kept: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileRenameJob</name>
    <message numerus="yes">
        <source>%n secret variable(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The secret variable %1 stays under &quot;%2&quot;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved requests stay in %1: they could not be renamed to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history stays in %1: it could not be renamed to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileSecretsMove</name>
    <message>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DPoP key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registration access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 of &quot;%2&quot; could not be read to move it: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 could not be kept under &quot;%2&quot;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 moved to &quot;%2&quot;, but the old copy under &quot;%3&quot; could not be deleted: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilesPanel</name>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new profile, edited on the Login tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impor&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New from an &amp;API URL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auth0 sample&apos;s auth_config.json…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_AUDIENCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postman collection or environment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insomnia export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bruno collection folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAPI document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected profile and delete its tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local tenant, works offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox tenant TokenLab runs on 127.0.0.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox profile is built in and cannot be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the profile &quot;%1&quot; and delete its tokens?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported profile %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import auth_config.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auth0 config (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed: cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovered and saved profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAPI (*.json *.yaml *.yml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insomnia export (*.json *.yaml *.yml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postman (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bruno collection folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported into profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported into profile %1; in the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The keychain holds no such entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available (on Linux, no Secret Service such as GNOME Keyring or KWallet answers on the session bus). Start your desktop&apos;s keyring and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You declined TokenLab&apos;s access to the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring is locked. Unlock your login keyring (for example in Passwords and Keys) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain could be reached (%1). Make sure a Secret Service such as GNOME Keyring runs in your desktop session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused access (%1); unlock it or allow TokenLab, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestEditor</name>
    <message>
        <source>Sen&amp;d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/api/path, {{base}}/path or a full URL; Enter sends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Enter in the URL, Ctrl+Enter anywhere)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form (url-encoded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content type, e.g. application/xml (text/plain when empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body; {{name}} placeholders are filled in when it is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H&amp;eaders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Body (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H&amp;eaders (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestHistory</name>
    <message>
        <source>it is not a JSON object (%1 at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no list of entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TokenLab cannot read the history in %1: %2 Move the file away or remove it to keep a history again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TokenLab cannot read the history in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no history entry &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This call&apos;s details are no longer kept (%1 is gone).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TokenLab cannot read the call in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestVariables</name>
    <message>
        <source>A &quot;{{&quot; at character %1 is never closed with &quot;}}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A placeholder at character %1 holds another &quot;{{&quot;; placeholders cannot be nested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The placeholder at character %1 has no name; write {{name}}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The placeholder at character %1 has a name longer than %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is longer than %1 MiB; TokenLab does not fill placeholders in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The variable {{%1}} is not defined for this profile (defined: %2); define it in the variables table or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A variable needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A variable&apos;s name is at most %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The variable name &quot;%1&quot; may hold only letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{{%1}} is TokenLab&apos;s own variable; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResponseBody</name>
    <message>
        <source>1 byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON, too large to indent · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON that does not parse · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>form · 1 field · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>form · %1 fields · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binary (%1) · %2; the first bytes are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no content type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResponseView</name>
    <message>
        <source>Save the body…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reveal the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as c&amp;url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy with the to&amp;ken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the whole body to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A curl command that asks tokenlab-cli for the token when it runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A curl command with the access token itself in it: keep it to yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request as sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the response body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 · %3 ms · %4%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (cut at 4 MiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API accepted the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in again asking for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; the start is shown, save the body for all of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; the history keeps the first 64 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history keeps no tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ••••••••  (%2 characters; tick Reveal the token to see it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proof</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no Authorization header: see the note above)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TokenLab cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxMenu</name>
    <message>
        <source>Sand&amp;box tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Require &amp;pushed authorization requests (PAR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox&apos;s /authorize takes only requests pushed to /oauth/par first (RFC 9126), and its discovery says require_pushed_authorization_requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand DPoP &amp;nonces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint and the sample API answer a DPoP proof without a server nonce with use_dpop_nonce and a DPoP-Nonce header (RFC 9449 8 and 9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample API requires &amp;DPoP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sample API refuses Bearer tokens: only DPoP-bound tokens with a proof get through (RFC 9449 7).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxTenant</name>
    <message>
        <source>The sandbox authorization server could not start: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox sample API could not start: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These tokens were not issued by the sandbox tenant; log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These tokens are from an earlier sandbox run (its ports have changed: they were issued by %1 and the sandbox now runs at %2); log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These tokens are from an earlier sandbox run (its signing key has changed); log in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavedCollection</name>
    <message>
        <source>it is larger than %1 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not valid JSON (%1 at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is JSON but not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an entry of &quot;requests&quot; is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two requests are both named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a variable cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not an object with a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value of the variable %1 is not text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the variable %1 is defined twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several saved requests are named &quot;%1&quot;: %2; give the folder too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no saved request &quot;%1&quot;: this profile has no saved requests yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no saved request &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no saved request &quot;%1&quot;; did you mean %2?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavedRequest</name>
    <message>
        <source>A saved request needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name is at most 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name &quot;%1&quot; holds a &apos;/&apos;, which separates folders; pick the folder separately.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name cannot hold control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The method &quot;%1&quot; is not an HTTP method name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a path such as /api/private, or a full URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile has no API base URL, so &quot;%1&quot; needs to be a full URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL &quot;%1&quot; is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header name &quot;%1&quot; is not valid (letters, digits and !#$%&amp;&apos;*+-.^_`|~ only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value of header %1 holds a line break.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON body is not valid JSON: %1 at character %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form field %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content type holds a line break.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a request has no name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request &quot;%1&quot; has a name TokenLab cannot use: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder of &quot;%1&quot; is not text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder of &quot;%1&quot; has an empty or unusable part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request &quot;%1&quot; has no method or URL as text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the headers of &quot;%1&quot; are not a list of name and value pairs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body of &quot;%1&quot; is not an object with a type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body of &quot;%1&quot; has the type &quot;%2&quot;; TokenLab knows json, form, raw and none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the form fields of &quot;%1&quot; are not a list of name and value pairs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavedRequests</name>
    <message>
        <source>TokenLab cannot read the saved requests in %1: %2 Fix or remove the file; until then nothing is saved there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved request is already named &quot;%1&quot;; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no saved request &quot;%1&quot; any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving the folder would give two requests the name &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The variable %1 is defined twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The imported requests cannot be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved request is already named &quot;%1&quot;; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile already has a variable %1; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavedRequestsPanel</name>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rena&amp;me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder/name to save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the request in the editor under this name (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the selected request (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected request or folder to the name typed above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected request (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name for the request first, as folder/name or just a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the request &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the folder&apos;s new name above, then Rename.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed the folder &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the new name above, then Rename.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete a saved request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the saved request &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the saved request &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretVariablesJob</name>
    <message>
        <source>The secret variable {{%1}} has no value in the keychain; set it again in the API tab&apos;s variables.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret variable {{%1}} could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SendJob</name>
    <message>
        <source>The profile is gone; select one to call its API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting a fresh token …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request uses {{token}}, but this profile has no access token; log in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 …</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <source>&amp;Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in through your browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in on another &amp;device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in on a phone or another computer with a code (device authorization grant, RFC 8628)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew the access token now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;witch user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in again with prompt=login, to sign in as someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the refresh token, delete the tokens, and optionally end the browser session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget tokens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this profile&apos;s tokens from the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for the browser or the other device</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionText</name>
    <message>
        <source>Reading the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in · expires %1 (in %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in · the issuer gave no expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token expired at %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh (Ctrl+R) renews it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session ended: log in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These tokens cannot be used any more: log in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · refreshing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local tenant, works offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed in · expires %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session ended, log in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stale tokens, log in again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TenantKey</name>
    <message>
        <source>a new signing key for this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the signing key kept in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new signing key (the keychain entry &quot;%1&quot; held no usable key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new signing key (none was kept yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new signing key for this run only, because the keychain could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new signing key, being saved to the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new signing key, now kept in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new signing key for this run only, because the keychain did not keep it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests are waiting for the sandbox&apos;s signing key; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox&apos;s signing key was not ready within %1 s; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox&apos;s signing key is not ready yet; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenInspector</name>
    <message>
        <source>Expect:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer (iss), e.g. https://id.example/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audience (aud): the API, or a client for an ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client (azp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected %1. Empty: not checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ccess token (DPoP-bound)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ccess token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VariablesEditor</name>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use them as {{name}} in the URL, headers and body. {{base}} is the profile&apos;s API base URL and {{token}} its access token. A secret value is kept in the keychain, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the keychain; type a new value to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret variable %1 needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret variable %1 could not be kept in the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved 1 variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 variables.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
