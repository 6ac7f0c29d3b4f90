// SPDX-License-Identifier: MIT
#include "gui/commandline.h"
#include "util/manpage.h"
#include "util/translations.h"

#include "appinfo.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString manPageOption = u"man-page"_s;

} // namespace

QString GuiCommandLine::description()
{
    return QCoreApplication::translate("GuiCommandLine", "TokenLab: a desktop client and test harness for OAuth 2.0 and OpenID Connect. Sign in through the "
           "browser with the authorization code flow and PKCE, inspect the tokens, call an API with them and find "
           "out why it answered 401 or 403, and probe an API's authorization. The sandbox profile, the default, "
           "runs an authorization server and a sample API on 127.0.0.1, so everything works offline. A second "
           "start raises the running window. The command line tokenlab-cli uses the same profiles and keychain.");
}

QList<QCommandLineOption> GuiCommandLine::options()
{
    QCommandLineOption man(manPageOption, QCoreApplication::translate("GuiCommandLine", "Print this program's man page (roff)."));
    man.setFlags(QCommandLineOption::HiddenFromHelp);
    return {{{u"h"_s, u"help"_s}, QCoreApplication::translate("GuiCommandLine", "Displays help on commandline options.")},
            {{u"v"_s, u"version"_s}, QCoreApplication::translate("GuiCommandLine", "Displays version information.")},
            man};
}

QString GuiCommandLine::manPage()
{
    ManPage page(u"tokenlab"_s, AppInfo::Summary, AppInfo::ReleaseDate, AppInfo::DisplayName + u' ' + AppInfo::Version);
    page.addSynopsis(u"[options]"_s);
    page.addSection(u"Description"_s);
    page.addParagraph(description());
    page.addSection(u"Options"_s);
    page.addOptions(options());
    page.addSection(u"Environment"_s);
    page.addItem(u"BROWSER"_s, u"A command that receives the sign-in URL, as gh and git use it."_s);
    page.addItem(u"TOKENLAB_KEYCHAIN_TIMEOUT_MS"_s, u"How long to wait for a keychain that does not answer (default 15000)."_s);
    page.addSection(u"See also"_s);
    page.addParagraph(u"tokenlab-cli(1), tokenlab-sandbox(1). "_s + AppInfo::Homepage);
    return page.roff();
}

std::optional<int> GuiCommandLine::answer(const QStringList &arguments)
{
    // Only these words: anything else (Qt's own -platform, -style ...) is QApplication's.
    static const QStringList ours{u"-h"_s, u"--help"_s, u"-v"_s, u"--version"_s, u"--" + manPageOption};
    bool asked = false;
    for (const QString &a : arguments.mid(1))
        asked = asked || ours.contains(a);
    if (!asked)
        return std::nullopt;
    // Asked before QApplication exists: a plain one for as long as the answer
    // takes, so the answer speaks the system locale's language as the window would.
    std::unique_ptr<QCoreApplication> app;
    if (!QCoreApplication::instance()) {
        static int argc = 1;
        static char name[] = "tokenlab";
        static char *argv[] = {name, nullptr};
        app = std::make_unique<QCoreApplication>(argc, argv);
        Translations::install();
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    parser.addOptions(options());
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << "tokenlab: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(manPageOption))
        out << manPage();
    else if (parser.isSet(u"version"_s))
        out << "tokenlab " << AppInfo::Version << '\n';
    else // as QCommandLineParser writes it, named as installed rather than as started
        out << QCoreApplication::translate("GuiCommandLine", "Usage: tokenlab [options]") << parser.helpText().mid(parser.helpText().indexOf(u'\n'));
    return 0;
}
