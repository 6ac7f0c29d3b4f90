// SPDX-License-Identifier: MIT
#include "cli/manual.h"
#include "cli/command.h"
#include "cli/commandregistry.h"
#include "util/manpage.h"

#include "appinfo.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

const QString program = u"tokenlab-cli"_s;

QString longestName(const QCommandLineOption &o)
{
    QString name = o.names().constFirst();
    for (const QString &n : o.names()) {
        if (n.size() > name.size())
            name = n;
    }
    return name;
}

QStringList dashed(const QCommandLineOption &o)
{
    QStringList names;
    for (const QString &n : o.names())
        names << (n.size() == 1 ? u"-"_s : u"--"_s) + n;
    return names;
}

// Every option a command's --help lists, --help included.
QList<QCommandLineOption> allOptions(const Command *c)
{
    QList<QCommandLineOption> options = c->options();
    options << QCommandLineOption({u"h"_s, u"help"_s}, u"Show this help."_s);
    return options;
}

enum class ValueKind { None, File, Profile, Other };

ValueKind valueKind(const QCommandLineOption &o)
{
    const QString v = o.valueName();
    if (v.isEmpty())
        return ValueKind::None;
    if (v == u"FILE" || v.endsWith(u".pem"_s))
        return ValueKind::File;
    if (v == u"PROFILE" || (v == u"NAME" && longestName(o) == u"profile"))
        return ValueKind::Profile;
    return ValueKind::Other;
}

// The one-line summary for a completion menu: the description's first sentence.
QString firstSentence(const QString &text)
{
    const qsizetype end = text.indexOf(u". "_s);
    QString s = end < 0 ? text : text.left(end);
    if (s.endsWith(u'.'))
        s.chop(1);
    return s;
}

QString shellWords(const QStringList &words)
{
    return words.join(u' ');
}

} // namespace

QString CliManual::manPage(const CommandRegistry &registry)
{
    ManPage page(program, firstSentence(CommandRegistry::description()), AppInfo::ReleaseDate,
                 AppInfo::DisplayName + u' ' + AppInfo::Version);
    page.addSynopsis(u"COMMAND [options]"_s);
    page.addSynopsis(u"--help | --version"_s);
    page.addSection(u"Description"_s);
    page.addParagraph(CommandRegistry::description());
    page.addParagraph(u"Run tokenlab-cli COMMAND --help for a command's options; they are listed below too."_s);
    page.addSection(u"Commands"_s);
    for (const Command *c : registry.commands()) {
        page.addSubsection(c->synopsis().isEmpty() ? c->name() : c->name() + u' ' + c->synopsis());
        page.addParagraph(c->description());
        for (const Command::Positional &p : c->positionals())
            page.addItem(p.syntax.isEmpty() ? p.name : p.syntax, p.description);
        page.addOptions(c->options());
    }
    page.addSection(u"Options"_s);
    page.addOptions(CommandRegistry::globalOptions());
    page.addSection(u"Exit status"_s);
    page.addParagraph(registry.exitStatusSentence());
    page.addSection(u"Environment"_s);
    page.addItem(u"BROWSER"_s, u"A command that receives the sign-in URL, as gh and git use it."_s);
    page.addItem(u"TOKENLAB_KEYCHAIN_TIMEOUT_MS"_s, u"How long to wait for a keychain that does not answer (default 15000)."_s);
    page.addSection(u"See also"_s);
    page.addParagraph(u"tokenlab(1), tokenlab-sandbox(1). "_s + AppInfo::Homepage);
    return page.roff();
}

QString CliManual::bashCompletion(const CommandRegistry &registry)
{
    QStringList words;
    QStringList groups;
    QString groupCases;
    QString commandCases;
    for (const Command *c : registry.commands()) {
        const QString word = c->name().section(u' ', 0, 0);
        if (!words.contains(word))
            words << word;
        if (c->name().contains(u' ') && !groups.contains(word))
            groups << word;
        QStringList options;
        QStringList files;
        QStringList profiles;
        QStringList valued;
        for (const QCommandLineOption &o : allOptions(c)) {
            options << dashed(o);
            switch (valueKind(o)) {
            case ValueKind::None:
                break;
            case ValueKind::File:
                files << dashed(o);
                break;
            case ValueKind::Profile:
                profiles << dashed(o);
                break;
            case ValueKind::Other:
                valued << dashed(o);
                break;
            }
        }
        const bool nameIsProfile = c->name().startsWith(u"profile "_s) && c->name() != u"profile add" && c->name() != u"profile discover"
                && c->name() != u"profile import" && c->name() != u"profile list";
        commandCases += u"        \"%1\") options=\"%2\"; files=\" %3 \"; profiles=\" %4 \"; valued=\" %5 \"; positional=%6 ;;\n"_s.arg(
                c->name(), shellWords(options), shellWords(files), shellWords(profiles), shellWords(valued),
                c->positionals().isEmpty() ? u"none"_s : (nameIsProfile ? u"profile"_s : u"file"_s));
    }
    for (const QString &g : groups) {
        QStringList subs;
        for (const Command *c : registry.commands()) {
            if (c->name().startsWith(g + u' '))
                subs << c->name().section(u' ', 1);
        }
        groupCases += u"        %1) subcommands=\"%2\" ;;\n"_s.arg(g, shellWords(subs));
    }

    return u"# bash completion for tokenlab-cli, written by tokenlab-cli --completion bash from the\n"
           "# commands and options its --help lists.\n"
           "_tokenlab_cli_profiles()\n"
           "{\n"
           "    tokenlab-cli profile list 2>/dev/null | cut -c3- | cut -d' ' -f1\n"
           "}\n\n"
           "_tokenlab_cli()\n"
           "{\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
           "    COMPREPLY=()\n"
           "    if ((COMP_CWORD == 1)); then\n"
           "        COMPREPLY=($(compgen -W \"%1 help --help --version\" -- \"$cur\"))\n"
           "        return\n"
           "    fi\n"
           "    local command=${COMP_WORDS[1]} subcommands=\"\"\n"
           "    case $command in\n"
           "%2"
           "        help) COMPREPLY=($(compgen -W \"%1\" -- \"$cur\")); return ;;\n"
           "    esac\n"
           "    if [[ -n $subcommands ]]; then\n"
           "        if ((COMP_CWORD == 2)); then\n"
           "            COMPREPLY=($(compgen -W \"$subcommands --help\" -- \"$cur\"))\n"
           "            return\n"
           "        fi\n"
           "        command=\"$command ${COMP_WORDS[2]}\"\n"
           "    fi\n"
           "    local options=\"\" files=\"\" profiles=\"\" valued=\"\" positional=none\n"
           "    case $command in\n"
           "%3"
           "        *) return ;;\n"
           "    esac\n"
           "    if [[ $files == *\" $prev \"* ]]; then\n"
           "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
           "        return\n"
           "    elif [[ $profiles == *\" $prev \"* ]]; then\n"
           "        COMPREPLY=($(compgen -W \"$(_tokenlab_cli_profiles)\" -- \"$cur\"))\n"
           "        return\n"
           "    elif [[ $valued == *\" $prev \"* ]]; then\n"
           "        return\n"
           "    fi\n"
           "    if [[ $cur == -* || $positional == none ]]; then\n"
           "        COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
           "    elif [[ $positional == profile ]]; then\n"
           "        COMPREPLY=($(compgen -W \"$(_tokenlab_cli_profiles)\" -- \"$cur\"))\n"
           "    else\n"
           "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
           "    fi\n"
           "}\n"
           "complete -F _tokenlab_cli tokenlab-cli\n"_s.arg(shellWords(words), groupCases, commandCases);
}

namespace {

// Text inside a single-quoted zsh word.
QString zshQuoted(const QString &text)
{
    QString t = text;
    t.replace(u'\'', u"'\\''"_s);
    return t;
}

// An _arguments option description, inside [ ].
QString zshDescription(const QString &text)
{
    QString t = text;
    t.replace(u'\\', u"\\\\"_s);
    t.replace(u'[', u"\\["_s);
    t.replace(u']', u"\\]"_s);
    return zshQuoted(t);
}

// A name or message between colons (_describe's names, _arguments' messages).
QString zshField(const QString &text)
{
    QString t = text;
    t.replace(u':', u"\\:"_s);
    return zshQuoted(t);
}

} // namespace

QString CliManual::zshCompletion(const CommandRegistry &registry)
{
    QStringList top;
    QStringList seen;
    QString groupCases;
    QString commandCases;
    for (const Command *c : registry.commands()) {
        const QString word = c->name().section(u' ', 0, 0);
        if (c->name().contains(u' ')) {
            if (!seen.contains(word)) {
                seen << word;
                top << u"'%1:%1 commands'"_s.arg(word);
                QStringList subs;
                for (const Command *s : registry.commands()) {
                    if (s->name().startsWith(word + u' '))
                        subs << u"'%1:%2'"_s.arg(s->name().section(u' ', 1), zshQuoted(firstSentence(s->summary())));
                }
                groupCases += u"        %1) subcommands=(%2) ;;\n"_s.arg(word, subs.join(u' '));
            }
        } else {
            top << u"'%1:%2'"_s.arg(word, zshQuoted(firstSentence(c->summary())));
        }
        QStringList specs;
        for (const QCommandLineOption &o : allOptions(c)) {
            QString action;
            switch (valueKind(o)) {
            case ValueKind::None:
                break;
            case ValueKind::File:
                action = u":%1:_files"_s.arg(zshField(o.valueName()));
                break;
            case ValueKind::Profile:
                action = u":%1:_tokenlab_cli_profiles"_s.arg(zshField(o.valueName()));
                break;
            case ValueKind::Other:
                action = u":%1: "_s.arg(zshField(o.valueName()));
                break;
            }
            for (const QString &name : dashed(o)) {
                specs << u"'%1%2[%3]%4'"_s.arg(name, action.isEmpty() ? QString() : u"="_s,
                                               zshDescription(firstSentence(o.description())), action);
            }
        }
        if (!c->positionals().isEmpty()) {
            const bool nameIsProfile = c->name().startsWith(u"profile "_s) && c->name() != u"profile add" && c->name() != u"profile discover"
                    && c->name() != u"profile import" && c->name() != u"profile list";
            specs << (nameIsProfile ? u"'*:profile:_tokenlab_cli_profiles'"_s : u"'*:argument:_files'"_s);
        }
        commandCases += u"        \"%1\") _arguments -s \\\n            %2 ;;\n"_s.arg(c->name(), specs.join(u" \\\n            "_s));
    }

    return u"#compdef tokenlab-cli\n"
           "# zsh completion for tokenlab-cli, written by tokenlab-cli --completion zsh from the\n"
           "# commands and options its --help lists.\n\n"
           "_tokenlab_cli_profiles()\n"
           "{\n"
           "    local -a names\n"
           "    names=(${(f)\"$(tokenlab-cli profile list 2>/dev/null | cut -c3- | cut -d' ' -f1)\"})\n"
           "    _describe 'profile' names\n"
           "}\n\n"
           "_tokenlab_cli()\n"
           "{\n"
           "    local -a commands subcommands\n"
           "    commands=(%1 'help:show the help of a command')\n"
           "    if ((CURRENT == 2)); then\n"
           "        _describe 'command' commands\n"
           "        _arguments '(- *)'{-h,--help}'[show the help]' '(- *)'{-v,--version}'[show the version]'\n"
           "        return\n"
           "    fi\n"
           "    local command=$words[2]\n"
           "    shift words\n"
           "    ((CURRENT--))\n"
           "    case $command in\n"
           "%2"
           "    esac\n"
           "    if ((${#subcommands})); then\n"
           "        if ((CURRENT == 2)); then\n"
           "            _describe 'subcommand' subcommands\n"
           "            return\n"
           "        fi\n"
           "        command=\"$command $words[2]\"\n"
           "        shift words\n"
           "        ((CURRENT--))\n"
           "    fi\n"
           "    case $command in\n"
           "%3"
           "        help) _describe 'command' commands ;;\n"
           "    esac\n"
           "}\n\n"
           "_tokenlab_cli \"$@\"\n"_s.arg(top.join(u' '), groupCases, commandCases);
}
