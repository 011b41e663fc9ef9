#include "protocol_tests.hpp"

#include "emitter.hpp"
#include "names.hpp"
#include "service_model.hpp"

#include <boost/json/serialize.hpp>

#include <exception>
#include <map>
#include <vector>

namespace stratus_gen {

namespace json = boost::json;

namespace {

// Where a case's operation was generated.
struct case_target {
    std::size_t bucket = 0;
    std::string error; // the suite did not generate
};

struct generated_operation_ref {
    std::string tag;   // ::stratus::services::<ns>::ops::<op>
    std::string blank; // blank input expression
    std::string service; // ::stratus::<tag>
    std::string client;  // ::stratus::services::<ns>::client
};

std::string_view str_of(json::value const* v)
{
    return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

} // namespace

generated_protocol_tests generate_protocol_tests(fs::path const& file, std::string const& key)
{
    json::value doc = read_json(file);
    if (!doc.is_array()) throw gen_error(file.string() + ": not a JSON array of suites");
    bool input = key.starts_with("input/");
    std::string stem = file.stem().string();
    std::string prefix = sanitize_identifier("pt_" + std::string(input ? "in_" : "out_") + stem);

    generated_protocol_tests out;
    std::string headers, blanks, entries;
    std::map<std::string, std::string> blank_of; // operation tag -> its blank input function
    auto const& suites = doc.get_array();
    for (std::size_t si = 0; si < suites.size(); ++si) {
        if (!suites[si].is_object()) throw gen_error(key + ": suite " + std::to_string(si) + " is not an object");
        auto const& suite = suites[si].get_object();
        auto const* cases = suite.if_contains("cases");
        if (!cases || !cases->is_array()) throw gen_error(key + ": suite " + std::to_string(si) + " has no cases");
        ++out.suites;

        auto const* meta = suite.if_contains("metadata");
        bool query = meta && meta->is_object() && str_of(meta->get_object().if_contains("protocol")) == "query";
        auto const* shapes_v = suite.if_contains("shapes");
        json::object const* shapes = shapes_v && shapes_v->is_object() ? &shapes_v->get_object() : nullptr;

        // Cases of one suite may reuse an operation name with another
        // definition: each bucket holds names once, and becomes a service.
        std::vector<json::object> buckets;
        std::vector<std::size_t> case_bucket;
        std::vector<std::string> case_op;
        for (auto const& cv : cases->get_array()) {
            json::object given;
            if (auto const* g = cv.is_object() ? cv.get_object().if_contains("given") : nullptr; g && g->is_object())
                given = g->get_object();
            std::string name = "OperationName";
            if (auto const* n = given.if_contains("name"); n && n->is_string()) name = std::string(n->get_string());
            // botocore's runner parses a query output inside <NameResult>
            // (serialization resultWrapper = "<operation>Result") when the
            // output has members; the test models leave the wrapper out.
            if (!input && query && given.contains("output")) {
                if (auto* out_ref = given["output"].if_object(); out_ref && !out_ref->contains("resultWrapper")) {
                    auto const* target = shapes ? shapes->if_contains(str_of(out_ref->if_contains("shape"))) : nullptr;
                    auto const* members = target && target->is_object() ? target->get_object().if_contains("members") : nullptr;
                    if (members && members->is_object() && !members->get_object().empty())
                        (*out_ref)["resultWrapper"] = name + "Result";
                }
            }
            std::size_t b = 0;
            for (; b < buckets.size(); ++b) {
                auto const* have = buckets[b].if_contains(name);
                if (!have || *have == given) break;
            }
            if (b == buckets.size()) buckets.emplace_back();
            buckets[b][name] = given;
            case_bucket.push_back(b);
            case_op.push_back(name);
        }

        std::vector<std::map<std::string, generated_operation_ref>> ops(buckets.size());
        std::string error;
        for (std::size_t b = 0; b < buckets.size() && error.empty(); ++b) {
            service_model m;
            m.name = prefix + "_" + std::to_string(si) + (b ? "_" + std::to_string(b) : std::string());
            m.sources.push_back(key + " suite " + std::to_string(si));
            json::object model;
            for (char const* k : {"metadata", "shapes"}) {
                auto const* v = suite.if_contains(k);
                model[k] = v && v->is_object() ? *v : json::object();
            }
            if (auto const* v = model["metadata"].get_object().if_contains("apiVersion"); v && v->is_string())
                m.version = std::string(v->get_string());
            model["operations"] = buckets[b];
            m.model = std::move(model);
            try {
                auto h = generate_header(m, "botocore protocol tests");
                headers += "\n" + h.text;
                for (auto const& op : h.operation_list)
                    ops[b][op.name] = {op.tag, op.blank_input, "::stratus::" + h.tag_name,
                                       "::stratus::services::" + h.cpp_name + "::client"};
            } catch (std::exception const& e) {
                error = e.what();
            }
        }
        if (!error.empty()) {
            ++out.failed_suites;
            headers += "\n// Suite " + std::to_string(si) + ": not generated (" + error + ")\n";
        }

        auto const& cl = cases->get_array();
        for (std::size_t ci = 0; ci < cl.size(); ++ci) {
            ++out.cases;
            std::string id;
            if (auto const* v = cl[ci].is_object() ? cl[ci].get_object().if_contains("id") : nullptr; v && v->is_string())
                id = std::string(v->get_string());
            std::string head = "    {" + std::to_string(si) + ", " + std::to_string(ci) + ", " + literal(id) + ", ";
            if (!error.empty()) {
                entries += head + "nullptr, nullptr, nullptr, " + literal(error) + "},\n";
                continue;
            }
            auto const& op = ops[case_bucket[ci]].at(case_op[ci]);
            if (input) {
                auto [it, fresh] = blank_of.emplace(op.tag, "blank_" + std::to_string(blank_of.size()));
                std::string const& fn = it->second;
                if (fresh) blanks += "inline auto " + fn + "()\n{\n    return " + op.blank + ";\n}\n";
                entries += head + "&" + op.service + "::info,\n     &pc::run_input<" + op.tag + ", " + op.client + ", &" +
                           fn + ">, nullptr},\n";
            } else {
                entries += head + "&" + op.service + "::info,\n     nullptr, &pc::run_output<" + op.tag + ", " +
                           op.client + ">},\n";
            }
        }
    }

    out.text = "// Generated by stratus-gen protocol-tests from " + key + " (" + std::to_string(out.suites) +
               " suites, " + std::to_string(out.cases) + " cases). Do not edit.\n"
               "#include \"protocol_cases.hpp\"\n" +
               headers + "\nnamespace {\n\nnamespace pc = ::stratus::conformance;\n\n" + blanks +
               (entries.empty() ? "\npc::registration const registered(" + literal(key) + ", {});\n"
                                : "\npc::case_entry const entries[] = {\n" + entries +
                                      "};\n\npc::registration const registered(" + literal(key) + ", entries);\n") +
               "\n} // namespace\n";
    return out;
}

} // namespace stratus_gen
