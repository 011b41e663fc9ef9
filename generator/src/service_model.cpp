#include "service_model.hpp"

#include <algorithm>
#include <array>
#include <system_error>

namespace stratus_gen {

namespace json = boost::json;

std::vector<std::string> versions_with(fs::path const& service_dir, std::string_view stem)
{
    std::vector<std::string> out;
    std::error_code ec;
    for (auto const& e : fs::directory_iterator(service_dir, ec)) {
        std::error_code ec2;
        if (!e.is_directory(ec2)) continue;
        if (find_json(e.path(), stem)) out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string newest_version(fs::path const& service_dir, std::string_view stem)
{
    auto v = versions_with(service_dir, stem);
    return v.empty() ? std::string() : v.back();
}

std::vector<std::string> list_services(fs::path const& data_dir, std::string_view stem)
{
    std::error_code ec;
    if (!fs::is_directory(data_dir, ec)) throw gen_error(data_dir.string() + ": not a directory");
    std::vector<std::string> out;
    for (auto const& e : fs::directory_iterator(data_dir, ec)) {
        std::error_code ec2;
        if (!e.is_directory(ec2)) continue;
        if (!newest_version(e.path(), stem).empty()) out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

service_model load_service(fs::path const& data_dir, std::string const& service)
{
    service_model m;
    m.name = service;
    fs::path sdir = data_dir / service;
    m.version = newest_version(sdir, "service-2");
    if (m.version.empty())
        throw gen_error(sdir.string() + ": no <version>/service-2.json[.gz] (is " + data_dir.string() +
                        " a botocore data directory?)");
    fs::path vdir = sdir / m.version;
    m.dependencies.push_back(fs::absolute(sdir)); // a new version folder changes its time
    m.dependencies.push_back(fs::absolute(vdir)); // so does a new overlay
    fs::path main = *find_json(vdir, "service-2");
    m.sources.push_back(service + "/" + m.version + "/" + main.filename().string());
    m.dependencies.push_back(fs::absolute(main));
    json::value v = read_json(main);
    if (!v.is_object()) throw gen_error(main.string() + ": not a JSON object");
    m.model = std::move(v.get_object());
    // botocore's Loader.load_service_model: "<type>.sdk-extras" is merged in.
    if (auto extras = find_json(vdir, "service-2.sdk-extras")) {
        m.sources.push_back(service + "/" + m.version + "/" + extras->filename().string());
        m.dependencies.push_back(fs::absolute(*extras));
        json::value x = read_json(*extras);
        if (auto* xo = x.if_object()) {
            if (auto* merge = xo->if_contains("merge"); merge && merge->is_object())
                deep_merge(m.model, merge->get_object());
        }
    }
    for (char const* key : {"metadata", "operations", "shapes"}) {
        auto* p = m.model.if_contains(key);
        if (!p || !p->is_object()) throw gen_error(main.string() + ": no \"" + key + "\" object");
    }
    // botocore loads the rule set of the service model's own API version.
    if (auto rules = find_json(vdir, "endpoint-rule-set-1")) {
        m.sources.push_back(service + "/" + m.version + "/" + rules->filename().string());
        m.dependencies.push_back(fs::absolute(*rules));
        json::value r = read_json(*rules);
        if (!r.is_object()) throw gen_error(rules->string() + ": not a JSON object");
        m.endpoint_rules = std::move(r.get_object());
    }
    // paginators-1 and its sdk-extras overlay, as botocore's loader merges them.
    if (auto pag = find_json(vdir, "paginators-1")) {
        m.sources.push_back(service + "/" + m.version + "/" + pag->filename().string());
        m.dependencies.push_back(fs::absolute(*pag));
        json::value p = read_json(*pag);
        if (auto* po = p.if_object()) {
            if (auto extras = find_json(vdir, "paginators-1.sdk-extras")) {
                m.sources.push_back(service + "/" + m.version + "/" + extras->filename().string());
                m.dependencies.push_back(fs::absolute(*extras));
                json::value x = read_json(*extras);
                if (auto* xo = x.if_object())
                    if (auto* merge = xo->if_contains("merge"); merge && merge->is_object())
                        deep_merge(*po, merge->get_object());
            }
            if (auto* pg = po->if_contains("pagination"); pg && pg->is_object()) m.paginators = pg->get_object();
        }
    }
    if (auto wf = find_json(vdir, "waiters-2")) {
        m.sources.push_back(service + "/" + m.version + "/" + wf->filename().string());
        m.dependencies.push_back(fs::absolute(*wf));
        json::value w = read_json(*wf);
        if (auto* wo = w.if_object())
            if (auto* ws = wo->if_contains("waiters"); ws && ws->is_object()) m.waiters = ws->get_object();
    }
    if (auto rf = find_json(vdir, "resources-1")) load_resources(m, *rf);
    return m;
}

void load_resources(service_model& m, fs::path const& file)
{
    json::value r = read_json(file);
    if (!r.is_object()) throw gen_error(file.string() + ": a resource model is a JSON object");
    std::string rel = file.filename().string();
    if (file.has_parent_path()) rel = file.parent_path().filename().string() + "/" + rel;
    if (file.parent_path().has_parent_path()) rel = file.parent_path().parent_path().filename().string() + "/" + rel;
    m.sources.push_back(rel);
    m.dependencies.push_back(fs::absolute(file));
    m.resources = std::move(r.get_object());
}

namespace {
// botocore.utils.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS, with stratus's names.
struct protocol_name {
    std::string_view botocore;
    std::string_view cpp;
};
constexpr std::array protocols{
    protocol_name{"json", "json"},           protocol_name{"rest-json", "rest_json"},
    protocol_name{"rest-xml", "rest_xml"},   protocol_name{"smithy-rpc-v2-cbor", "cbor"},
    protocol_name{"query", "query"},         protocol_name{"ec2", "ec2"},
};
} // namespace

std::string resolve_protocol(json::object const& metadata)
{
    if (auto* list = metadata.if_contains("protocols"); list && list->is_array() && !list->get_array().empty()) {
        for (auto const& p : protocols) {
            for (auto const& entry : list->get_array())
                if (entry.is_string() && entry.get_string() == p.botocore) return std::string(p.botocore);
        }
        std::string names;
        for (auto const& entry : list->get_array())
            if (entry.is_string()) names += (names.empty() ? "" : ", ") + std::string(entry.get_string());
        throw gen_error("no supported protocol in metadata.protocols [" + names + "]");
    }
    if (auto* p = metadata.if_contains("protocol"); p && p->is_string()) return std::string(p->get_string());
    throw gen_error("metadata has neither \"protocols\" nor \"protocol\"");
}

std::string protocol_cpp_name(std::string_view botocore_protocol)
{
    for (auto const& p : protocols)
        if (p.botocore == botocore_protocol) return std::string(p.cpp);
    return {};
}

} // namespace stratus_gen
