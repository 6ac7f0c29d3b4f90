// SPDX-License-Identifier: MIT
#include "api/openapiplan.h"
#include "api/yamldocument.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QUrl>
#include <algorithm>

using namespace Qt::StringLiterals;
using YAML::Node;

namespace {

// Stops the walk with one sentence about one place in the document.
struct Refused
{
    YAML::Mark mark;
    QString why;
};

constexpr int maxRefHops = 16;
constexpr int maxNotes = 20;
// The methods TokenLab sends (ApiClient); a trace operation is not probed.
const char *const operationKeys[] = {"get", "put", "post", "delete", "patch", "head", "options"};

[[noreturn]] void refuse(const Node &where, const QString &why)
{
    throw Refused{where.IsDefined() ? where.Mark() : YAML::Mark::null_mark(), why};
}

// A map's value, or an undefined node (for anything that is not a map too:
// yaml-cpp throws when a scalar is indexed). Never yaml-cpp's "zombie" for a
// missing key, whose IsMap() and the like throw.
Node child(const Node &map, const char *key)
{
    if (!map.IsDefined() || !map.IsMap())
        return Node(YAML::NodeType::Undefined);
    const Node value = map[key];
    return value.IsDefined() ? value : Node(YAML::NodeType::Undefined);
}

QString text(const Node &node)
{
    return YamlDocument::scalar(node);
}

struct Scheme
{
    bool bearer = false;     // oauth2, openIdConnect, http bearer
    bool scopes = false;     // its requirement lists OAuth scopes
    QString type;
};

class Importer
{
public:
    explicit Importer(const Node &root) : m_root(root) {}

    ProbePlan run(QStringList *notes);

private:
    std::optional<Node> resolve(Node node, bool required) const;
    Node walkPointer(const Node &ref, const QString &pointer) const;
    const Scheme &scheme(const Node &nameNode);
    std::optional<ProbeEndpoint> endpoint(const QString &path, const Node &pathItem, const Node &operation, const QByteArray &method);
    void applySecurity(ProbeEndpoint &e, const Node &security, bool *probeable);
    QString fillTemplate(const QString &path, const Node &pathItem, const Node &operation) const;
    QString sample(const Node &parameter) const;

    Node m_root;
    QHash<QString, Scheme> m_schemes;
};

// Follows "$ref" while the node is one. A reference outside this document
// is refused when required, and gives nullopt otherwise.
std::optional<Node> Importer::resolve(Node node, bool required) const
{
    for (int hop = 0; node.IsDefined() && node.IsMap() && child(node, "$ref").IsDefined(); ++hop) {
        const Node ref = child(node, "$ref");
        if (hop == maxRefHops)
            refuse(ref, QCoreApplication::translate("OpenApiPlan", "this \"$ref\" chain is longer than %1 hops; is it a cycle?").arg(maxRefHops));
        const QString target = text(ref);
        if (!target.startsWith(u"#/"_s)) {
            if (required)
                refuse(ref, QCoreApplication::translate("OpenApiPlan", "\"$ref\" is \"%1\", but only references inside this document (#/...) are followed").arg(target.left(80)));
            return std::nullopt;
        }
        node.reset(walkPointer(ref, target.mid(2))); // reset, not =: yaml-cpp's = writes through to the document
    }
    return node;
}

// RFC 6901 in a URI fragment (RFC 6901 6): percent-decoded, then ~1 is "/" and ~0 is "~".
Node Importer::walkPointer(const Node &ref, const QString &pointer) const
{
    Node at = m_root;
    const QStringList parts = QString::fromUtf8(QByteArray::fromPercentEncoding(pointer.toUtf8())).split(u'/');
    for (QString part : parts) {
        part.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
        const Node &here = at; // const: yaml-cpp's non-const [] adds the key
        const Node next = [&] {
            bool ok = false;
            const uint index = part.toUInt(&ok);
            if (here.IsMap())
                return here[part.toStdString()];
            if (here.IsSequence() && ok && index < here.size())
                return here[std::size_t(index)];
            return Node(YAML::NodeType::Undefined);
        }();
        if (!next.IsDefined())
            refuse(ref, QCoreApplication::translate("OpenApiPlan", "\"$ref\" points at #/%1, which this document does not have").arg(pointer.left(80)));
        at.reset(next);
    }
    return at;
}

const Scheme &Importer::scheme(const Node &nameNode)
{
    const QString name = text(nameNode);
    if (const auto found = m_schemes.constFind(name); found != m_schemes.cend())
        return *found;
    const Node declared = child(child(child(m_root, "components"), "securitySchemes"), name.toStdString().c_str());
    if (!declared.IsDefined())
        refuse(nameNode, QCoreApplication::translate("OpenApiPlan", "the security requirement names \"%1\", which components.securitySchemes does not declare").arg(name.left(80)));
    const Node s = *resolve(declared, true);
    const Node type = child(s, "type");
    if (!type.IsScalar())
        refuse(s, QCoreApplication::translate("OpenApiPlan", "the security scheme \"%1\" has no \"type\"").arg(name.left(80)));
    Scheme result;
    result.type = text(type);
    // RFC 6750: oauth2 and openIdConnect tokens go in as Bearer; http names its scheme (case-insensitive, RFC 9110 11.1).
    result.scopes = result.type == u"oauth2" || result.type == u"openIdConnect";
    result.bearer = result.scopes || (result.type == u"http" && text(child(s, "scheme")).compare(u"bearer", Qt::CaseInsensitive) == 0);
    return *m_schemes.insert(name, result);
}

// The first alternative made only of Bearer schemes decides; see the header.
void Importer::applySecurity(ProbeEndpoint &e, const Node &security, bool *probeable)
{
    *probeable = true;
    e.need = ProbeEndpoint::Need::Public;
    if (!security.IsDefined())
        return;
    if (!security.IsSequence())
        refuse(security, QCoreApplication::translate("OpenApiPlan", "\"security\" must be a list of security requirements, not %1").arg(YamlDocument::kind(security)));
    if (security.size() == 0)
        return;
    std::optional<QStringList> chosen;
    for (const Node &requirement : security) {
        if (!requirement.IsMap())
            refuse(requirement, QCoreApplication::translate("OpenApiPlan", "a security requirement must be a map of scheme names to scopes, not %1").arg(YamlDocument::kind(requirement)));
        if (requirement.size() == 0)
            return; // {}: anonymous access is one of the alternatives
        bool allBearer = true;
        QStringList scopes;
        for (auto it = requirement.begin(); it != requirement.end(); ++it) {
            // A copy: it-> hands out a proxy that dies at the end of the expression.
            const Node name = it->first;
            const Node list = it->second;
            const Scheme &s = scheme(name);
            if (!list.IsSequence())
                refuse(list, QCoreApplication::translate("OpenApiPlan", "the scopes of \"%1\" must be a list, not %2").arg(text(name).left(80), YamlDocument::kind(list)));
            for (const Node &scope : list) {
                if (!scope.IsScalar())
                    refuse(scope, QCoreApplication::translate("OpenApiPlan", "a scope must be a string, not %1").arg(YamlDocument::kind(scope)));
                if (s.scopes && !scopes.contains(text(scope)))
                    scopes << text(scope);
            }
            allBearer = allBearer && s.bearer;
        }
        if (allBearer && !chosen)
            chosen = scopes;
    }
    if (!chosen) {
        *probeable = false;
        return;
    }
    e.need = chosen->isEmpty() ? ProbeEndpoint::Need::AnyToken : ProbeEndpoint::Need::Scopes;
    e.scopes = *chosen;
}

QString Importer::sample(const Node &parameter) const
{
    auto usable = [](const Node &n) { return n.IsDefined() && n.IsScalar() && !text(n).isEmpty(); };
    if (usable(child(parameter, "example")))
        return text(child(parameter, "example"));
    const Node examples = child(parameter, "examples");
    if (examples.IsMap() && examples.size() > 0) {
        const auto example = resolve(examples.begin()->second, false);
        if (example && usable(child(*example, "value")))
            return text(child(*example, "value"));
    }
    const auto schema = resolve(child(parameter, "schema"), false);
    const Node s = schema ? *schema : Node(YAML::NodeType::Undefined);
    for (const char *key : {"example", "default"}) {
        if (usable(child(s, key)))
            return text(child(s, key));
    }
    for (const char *key : {"examples", "enum"}) {
        const Node list = child(s, key);
        if (list.IsSequence() && list.size() > 0 && usable(list[0]))
            return text(list[0]);
    }
    // OpenAPI 3.1 (JSON Schema 2020-12): "type" may be a list, such as [integer, "null"].
    QString type = text(child(s, "type"));
    if (const Node types = child(s, "type"); types.IsSequence()) {
        for (const Node &t : types) {
            if (text(t) != u"null") {
                type = text(t);
                break;
            }
        }
    }
    if (type == u"integer" || type == u"number")
        return u"1"_s;
    if (type == u"boolean")
        return u"true"_s;
    if (text(child(s, "format")) == u"uuid")
        return u"00000000-0000-4000-8000-000000000001"_s;
    return u"sample"_s;
}

// Each {name} of the template gets its path parameter's sample; the
// operation's parameters replace the path item's of the same name (OpenAPI 3.1 4.8.9).
QString Importer::fillTemplate(const QString &path, const Node &pathItem, const Node &operation) const
{
    if (!path.contains(u'{'))
        return path;
    QHash<QString, Node> parameters;
    for (const Node &level : {pathItem, operation}) {
        const Node list = child(level, "parameters");
        if (list.IsDefined() && !list.IsSequence())
            refuse(list, QCoreApplication::translate("OpenApiPlan", "\"parameters\" must be a list, not %1").arg(YamlDocument::kind(list)));
        if (!list.IsDefined())
            continue;
        for (const Node &p : list) {
            const auto parameter = resolve(p, false);
            if (parameter && text(child(*parameter, "in")) == u"path") {
                // remove, then insert: assigning over a yaml-cpp node would write into the document
                parameters.remove(text(child(*parameter, "name")));
                parameters.insert(text(child(*parameter, "name")), *parameter);
            }
        }
    }
    static const QRegularExpression placeholder(u"\\{([^{}/]*)\\}"_s);
    QString filled;
    qsizetype from = 0;
    for (auto it = placeholder.globalMatch(path); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1);
        const QString value = parameters.contains(name) ? sample(parameters.value(name)) : u"sample"_s;
        filled += path.mid(from, m.capturedStart() - from) + QString::fromLatin1(QUrl::toPercentEncoding(value));
        from = m.capturedEnd();
    }
    return filled + path.mid(from);
}

std::optional<ProbeEndpoint> Importer::endpoint(const QString &path, const Node &pathItem, const Node &operation, const QByteArray &method)
{
    if (!operation.IsMap())
        refuse(operation, QCoreApplication::translate("OpenApiPlan", "the %1 operation must be a map, not %2").arg(QString::fromLatin1(method.toLower()), YamlDocument::kind(operation)));
    ProbeEndpoint e;
    e.method = method;
    e.path = fillTemplate(path, pathItem, operation);
    const Node own = child(operation, "security");
    bool probeable = true;
    applySecurity(e, own.IsDefined() ? own : child(m_root, "security"), &probeable);
    if (!probeable)
        return std::nullopt;
    if (const QString wrong = ProbePlan::check(e); !wrong.isEmpty())
        refuse(operation, QCoreApplication::translate("OpenApiPlan", "this operation cannot be probed: %1").arg(wrong));
    return e;
}

ProbePlan Importer::run(QStringList *notes)
{
    if (!m_root.IsMap() || !child(m_root, "openapi").IsDefined()) {
        if (child(m_root, "swagger").IsDefined())
            refuse(child(m_root, "swagger"), QCoreApplication::translate("OpenApiPlan", "this is a Swagger 2.0 document; TokenLab reads OpenAPI 3.0 and 3.1, so convert it first"));
        refuse(m_root, QCoreApplication::translate("OpenApiPlan", "this is neither a TokenLab plan (a JSON object with \"endpoints\") nor an OpenAPI document (no \"openapi\" at the top)"));
    }
    const Node version = child(m_root, "openapi");
    if (!text(version).startsWith(u"3."_s))
        refuse(version, QCoreApplication::translate("OpenApiPlan", "\"openapi\" is %1; TokenLab reads OpenAPI 3.0 and 3.1").arg(YamlDocument::kind(version)));
    const Node rootSecurity = child(m_root, "security");
    if (rootSecurity.IsDefined() && !rootSecurity.IsSequence())
        refuse(rootSecurity, QCoreApplication::translate("OpenApiPlan", "\"security\" must be a list of security requirements, not %1").arg(YamlDocument::kind(rootSecurity)));
    const Node paths = child(m_root, "paths");
    if (paths.IsDefined() && !paths.IsMap() && !paths.IsNull())
        refuse(paths, QCoreApplication::translate("OpenApiPlan", "\"paths\" must be a map of paths to operations, not %1").arg(YamlDocument::kind(paths)));
    ProbePlan plan;
    QStringList left;
    int operations = 0;
    for (const auto &p : paths.IsMap() ? paths : Node(YAML::NodeType::Map)) {
        const QString path = text(p.first);
        if (!path.startsWith(u'/'))
            refuse(p.first, QCoreApplication::translate("OpenApiPlan", "the path %1 must start with a slash").arg(YamlDocument::kind(p.first)));
        const auto item = resolve(p.second, false);
        if (!item) {
            left << path;
            continue;
        }
        if (!item->IsMap() && !item->IsNull())
            refuse(p.second, QCoreApplication::translate("OpenApiPlan", "the path item of %1 must be a map, not %2").arg(path.left(80), YamlDocument::kind(*item)));
        for (const auto &op : item->IsMap() ? *item : Node(YAML::NodeType::Map)) {
            const QString key = text(op.first);
            const auto known = std::find_if(std::begin(operationKeys), std::end(operationKeys),
                                            [&key](const char *k) { return key == QLatin1StringView(k); });
            if (known == std::end(operationKeys))
                continue; // summary, parameters, servers, x-...
            if (++operations > ProbePlan::maxEndpoints)
                refuse(op.first, QCoreApplication::translate("OpenApiPlan", "this is operation %L1; TokenLab probes at most %L2 endpoints in one plan").arg(operations).arg(ProbePlan::maxEndpoints));
            const QByteArray method = QByteArray(*known).toUpper();
            if (const auto e = endpoint(path, *item, op.second, method))
                plan.endpoints << *e;
            else
                left << u"%1 %2"_s.arg(QString::fromLatin1(method), path);
        }
    }
    if (!left.isEmpty() && notes) {
        const qsizetype more = left.size() - maxNotes;
        *notes << QCoreApplication::translate("OpenApiPlan", "Left out of the plan, since they need a credential other than a Bearer token (an API key, Basic, "
                                              "mutual TLS) or are described in another document: %1%2.")
                      .arg(left.mid(0, maxNotes).join(u", "_s), more > 0 ? QCoreApplication::translate("OpenApiPlan", " and %L1 more").arg(more) : QString());
    }
    if (plan.endpoints.isEmpty())
        refuse(paths.IsDefined() ? paths : m_root,
               left.isEmpty() ? QCoreApplication::translate("OpenApiPlan", "the document has no operations under \"paths\"")
                              : QCoreApplication::translate("OpenApiPlan", "none of its %L1 operations takes a Bearer token, so there is nothing to probe").arg(left.size()));
    return plan;
}

} // namespace

std::optional<ProbePlan> OpenApiPlan::parse(const QByteArray &document, QString *error, QStringList *notes)
{
    if (notes)
        notes->clear();
    if (document.size() > ProbePlan::maxDocumentBytes) {
        if (error)
            *error = QCoreApplication::translate("OpenApiPlan", "The document is %1 KiB; TokenLab reads documents of up to %2 KiB.").arg((document.size() + 1023) / 1024).arg(ProbePlan::maxDocumentBytes / 1024);
        return std::nullopt;
    }
    const std::optional<Node> root = YamlDocument::load(document, error);
    if (!root)
        return std::nullopt;
    auto fail = [error](const YAML::Mark &mark, const QString &why) -> std::optional<ProbePlan> {
        if (error)
            *error = YamlDocument::sentence(mark, why);
        return std::nullopt;
    };
    try {
        QStringList found;
        ProbePlan plan = Importer(*root).run(&found);
        if (notes)
            *notes = found;
        return plan;
    } catch (const Refused &r) {
        return fail(r.mark, r.why);
    } catch (const YAML::Exception &e) {
        return fail(e.mark, QCoreApplication::translate("OpenApiPlan", "the document cannot be read as OpenAPI (%1)").arg(QString::fromStdString(e.msg)));
    }
}
