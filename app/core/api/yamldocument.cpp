// SPDX-License-Identifier: MIT
#include "api/yamldocument.h"
#include "api/jsonposition.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <sstream>
#include <unordered_map>
#include <vector>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

using namespace Qt::StringLiterals;

namespace {

// Thrown from inside yaml-cpp's parser to stop it at once.
struct Refusal
{
    YAML::Mark mark;
    QString why;
};

// Counts the nodes a reader that follows every alias would meet, without
// building them: a physical node counts once, an alias counts the whole
// (expanded) size of the node it names. An alias to a node that is still
// open would make the tree a cycle (yaml-cpp builds one for "&a [*a]").
class NodeCounter : public YAML::EventHandler
{
public:
    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
    void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, const std::string &) override
    {
        leaf(mark, anchor);
    }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        const auto found = m_sizes.find(anchor);
        const qint64 size = found == m_sizes.end() ? 1 : found->second;
        if (size < 0)
            throw Refusal{mark, QCoreApplication::translate("YamlDocument", "an alias refers to a node that contains it, which makes the document endless")};
        add(mark, size);
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        open(mark, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        open(mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame
    {
        YAML::anchor_t anchor;
        qint64 size;
    };

    void add(const YAML::Mark &mark, qint64 size)
    {
        m_total += size;
        if (m_total > YamlDocument::maxNodes)
            throw Refusal{mark, QCoreApplication::translate("YamlDocument", "with its aliases expanded the document has more than %L1 nodes, more than any API description needs").arg(YamlDocument::maxNodes)};
        if (!m_open.empty())
            m_open.back().size += size;
    }
    void leaf(const YAML::Mark &mark, YAML::anchor_t anchor)
    {
        add(mark, 1);
        if (anchor)
            m_sizes[anchor] = 1;
    }
    void open(const YAML::Mark &mark, YAML::anchor_t anchor)
    {
        add(mark, 1);
        m_open.push_back({anchor, 1});
        if (anchor)
            m_sizes[anchor] = -1; // open: an alias to it now is a cycle
    }
    void close()
    {
        const Frame done = m_open.back();
        m_open.pop_back();
        if (done.anchor)
            m_sizes[done.anchor] = done.size;
        // The parent already counted this node itself, not yet what it holds.
        if (!m_open.empty())
            m_open.back().size += done.size - 1;
    }

    std::vector<Frame> m_open;
    std::unordered_map<YAML::anchor_t, qint64> m_sizes;
    qint64 m_total = 0;
};

qint64 countJson(const QJsonValue &value)
{
    qint64 n = 1;
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            n += countJson(v);
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            n += 1 + countJson(it.value()); // the key is a node to yaml-cpp too
    }
    return n;
}

int hex4(const QByteArray &text, qsizetype from)
{
    if (from + 4 > text.size())
        return -1;
    bool ok = false;
    const int value = text.mid(from, 4).toInt(&ok, 16);
    return ok && !text.mid(from, 4).contains('+') && !text.mid(from, 4).contains('-') ? value : -1;
}

// yaml-cpp 0.7 refuses the JSON escapes of UTF-16 surrogates ("\ud83d\ude00"
// for one emoji), which JSON needs for anything outside the BMP: a pair
// becomes the character itself in UTF-8, a lone half U+FFFD. Lines stay
// where they were, so positions still point at the right line.
QByteArray decodeSurrogateEscapes(const QByteArray &json)
{
    if (!json.contains("\\u") && !json.contains("\\U"))
        return json;
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (!inString) {
            inString = c == '"';
            out += c;
            continue;
        }
        if (c == '"') {
            inString = false;
        } else if (c == '\\' && i + 1 < json.size()) {
            const int unit = json.at(i + 1) == 'u' ? hex4(json, i + 2) : -1;
            if (unit >= 0xD800 && unit <= 0xDBFF && json.mid(i + 6, 2) == "\\u") {
                const int low = hex4(json, i + 8);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    const char32_t point = 0x10000 + ((char32_t(unit) - 0xD800) << 10) + (char32_t(low) - 0xDC00);
                    out += QString::fromUcs4(&point, 1).toUtf8();
                    i += 11;
                    continue;
                }
            }
            if (unit >= 0xD800 && unit <= 0xDFFF) {
                out += "\\uFFFD";
                i += 5;
                continue;
            }
            out += c;
            out += json.at(++i); // an escaped quote does not end the string
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace

QString YamlDocument::at(const YAML::Mark &mark)
{
    if (mark.is_null() || mark.line < 0)
        return {};
    return QCoreApplication::translate("YamlDocument", "Line %1, column %2").arg(mark.line + 1).arg(mark.column + 1);
}

QString YamlDocument::sentence(const YAML::Mark &mark, const QString &why)
{
    const QString where = at(mark);
    if (where.isEmpty())
        return why.left(1).toUpper() + why.mid(1) + u'.';
    return where + u": "_s + why + u'.';
}

QString YamlDocument::scalar(const YAML::Node &node)
{
    return node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

QString YamlDocument::kind(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return u"a map"_s;
    case YAML::NodeType::Sequence:
        return u"a list"_s;
    case YAML::NodeType::Scalar: {
        const QString text = scalar(node);
        return u"\"%1\""_s.arg(text.size() > 40 ? text.left(40) + u"…"_s : text);
    }
    default:
        return u"empty"_s;
    }
}

std::optional<YAML::Node> YamlDocument::load(const QByteArray &bytes, QString *error)
{
    auto fail = [error](const YAML::Mark &mark, const QString &why) -> std::optional<YAML::Node> {
        if (error)
            *error = sentence(mark, why);
        return std::nullopt;
    };
    const QByteArray trimmed = bytes.trimmed();
    const bool json = trimmed.startsWith('{') || trimmed.startsWith('[');
    QByteArray text = bytes;
    if (json) {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
        if (pe.error != QJsonParseError::NoError) {
            if (error)
                *error = JsonPosition::describe(bytes, pe);
            return std::nullopt;
        }
        if (countJson(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object())) > maxNodes)
            return fail(YAML::Mark::null_mark(), QCoreApplication::translate("YamlDocument", "the document has more than %L1 values, more than any API description needs").arg(maxNodes));
        text = decodeSurrogateEscapes(bytes);
    }
    try {
        if (!json) {
            // JSON has no aliases; YAML is counted before a tree is built.
            std::istringstream in(text.toStdString());
            YAML::Parser parser(in);
            NodeCounter counter;
            parser.HandleNextDocument(counter);
        }
        return YAML::Load(text.toStdString());
    } catch (const Refusal &r) {
        return fail(r.mark, r.why);
    } catch (const YAML::DeepRecursion &e) {
        return fail(e.mark, QCoreApplication::translate("YamlDocument", "the document nests deeper than %1 levels").arg(e.depth()));
    } catch (const YAML::Exception &e) {
        return fail(e.mark, QCoreApplication::translate("YamlDocument", "the YAML does not parse (%1)").arg(QString::fromStdString(e.msg)));
    }
}
