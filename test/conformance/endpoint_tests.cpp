// Runs AWS's endpoint tests (endpoint-tests-1.json beside each service's
// endpoint-rule-set-1.json in a botocore-style data directory) through the
// rule sets stratus-gen compiled into stratus_endpoint_bundle.hpp, with the
// same resolver generated clients call. Prints per service and in total
// "N passed, M failed"; exits 1 on any failure.
//   stratus-conformance-endpoints [-v] <models dir>
#include "stratus_endpoint_bundle.hpp"

#include <stratus/endpoints/resolve.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace stratus::endpoints;

namespace {

// Cases that are not run, each with its reason. Matched by service and the
// case's documentation string.
struct skip {
    std::string_view service;
    std::string_view documentation;
    std::string_view reason;
};
constexpr skip skipped[] = {
    {{}, {}, {}}, // none: every case runs
};

std::string const* skip_reason(std::string_view service, std::string_view doc)
{
    static std::string reason;
    for (auto const& s : skipped) {
        if (s.service.empty() || s.service != service || s.documentation != doc) continue;
        reason = s.reason;
        return &reason;
    }
    return nullptr;
}

json::value to_json(property const& p)
{
    using k = property::kind_type;
    switch (p.kind) {
        case k::null: return nullptr;
        case k::boolean: return p.boolean;
        case k::integer: return p.integer;
        case k::string: return json::string(p.string);
        case k::list: {
            json::array a;
            for (auto const& i : p.items) a.push_back(to_json(i));
            return a;
        }
        case k::object: {
            json::object o;
            for (std::size_t i = 0; i < p.items.size(); ++i) o[p.keys[i]] = to_json(p.items[i]);
            return o;
        }
    }
    return nullptr;
}

std::string read(fs::path const& p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::optional<fs::path> tests_file(fs::path const& dir)
{
    std::vector<fs::path> found;
    std::error_code ec;
    for (auto const& e : fs::directory_iterator(dir, ec))
        if (fs::exists(e.path() / "endpoint-tests-1.json")) found.push_back(e.path() / "endpoint-tests-1.json");
    if (found.empty()) return std::nullopt;
    return *std::max_element(found.begin(), found.end());
}

struct outcome {
    bool ok = false;
    std::string why;
};

outcome run_case(rule_set const& rs, json::object const& tc)
{
    // Arguments by parameter name; names the rule set does not have are
    // ignored, as botocore's EndpointProvider ignores them.
    std::vector<argument> args(rs.parameters.size());
    std::vector<std::vector<std::string>> lists;
    lists.reserve(rs.parameters.size());
    if (auto const* params = tc.if_contains("params")) {
        for (auto const& [name, v] : params->as_object()) {
            auto i = rs.find(name);
            if (i == npos) continue;
            if (v.is_bool()) args[i] = argument::of(v.get_bool());
            else if (v.is_string()) args[i] = argument::of(std::string_view(v.get_string()));
            else if (v.is_array()) {
                auto& l = lists.emplace_back();
                for (auto const& e : v.get_array()) l.emplace_back(e.as_string());
                args[i] = argument::of(std::span<std::string const>(l));
            }
        }
    }
    auto r = resolve(rs, args);
    auto const& expect = tc.at("expect").as_object();
    if (auto const* err = expect.if_contains("error")) {
        if (r) return {false, "expected error \"" + std::string(err->as_string()) + "\", got " + r->url};
        if (r.error().message != err->as_string())
            return {false, "expected error \"" + std::string(err->as_string()) + "\", got \"" + r.error().message + "\""};
        return {true, {}};
    }
    auto const& ep = expect.at("endpoint").as_object();
    if (!r) return {false, "expected " + std::string(ep.at("url").as_string()) + ", got error \"" + r.error().message + "\""};
    if (r->url != ep.at("url").as_string())
        return {false, "expected URL " + std::string(ep.at("url").as_string()) + ", got " + r->url};
    json::object want_props = ep.contains("properties") ? ep.at("properties").as_object() : json::object{};
    auto got_props = to_json(r->properties);
    if (got_props != json::value(want_props))
        return {false, "properties: expected " + json::serialize(want_props) + ", got " + json::serialize(got_props)};
    json::object want_headers = ep.contains("headers") ? ep.at("headers").as_object() : json::object{};
    json::object got_headers;
    for (auto const& [name, values] : r->headers) {
        json::array a;
        for (auto const& v : values) a.emplace_back(json::string(v));
        got_headers[name] = a;
    }
    if (got_headers != want_headers)
        return {false, "headers: expected " + json::serialize(want_headers) + ", got " + json::serialize(got_headers)};
    return {true, {}};
}

} // namespace

int main(int argc, char** argv)
{
    bool verbose = false;
    fs::path dir;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "-v") verbose = true;
        else dir = a;
    }
    if (dir.empty()) {
        std::cerr << "usage: stratus-conformance-endpoints [-v] <models dir>\n";
        return 2;
    }
    std::size_t passed = 0, failed = 0, skipped_total = 0;
    for (auto const& entry : stratus_endpoint_bundle::services) {
        if (!entry.rules) continue;
        auto file = tests_file(dir / std::string(entry.service));
        if (!file) {
            std::cout << entry.service << ": no endpoint-tests-1.json\n";
            ++failed;
            continue;
        }
        std::size_t p = 0, f = 0, s = 0;
        json::value doc;
        try {
            doc = json::parse(read(*file));
        } catch (std::exception const& e) {
            std::cout << entry.service << ": " << file->string() << ": " << e.what() << "\n";
            ++failed;
            continue;
        }
        for (auto const& tcv : doc.at("testCases").as_array()) {
            auto const& tc = tcv.as_object();
            std::string_view docstr = tc.contains("documentation") ? std::string_view(tc.at("documentation").as_string())
                                                                   : std::string_view{};
            if (auto const* why = skip_reason(entry.service, docstr)) {
                ++s;
                if (verbose) std::cout << "  SKIP " << entry.service << ": " << docstr << " (" << *why << ")\n";
                continue;
            }
            outcome o;
            try {
                o = run_case(*entry.rules, tc);
            } catch (std::exception const& e) {
                o = {false, std::string("malformed case: ") + e.what()};
            }
            if (o.ok) {
                ++p;
                if (verbose) std::cout << "  ok   " << entry.service << ": " << docstr << "\n";
            } else {
                ++f;
                std::cout << "  FAIL " << entry.service << ": " << docstr << "\n       " << o.why << "\n";
            }
        }
        std::cout << entry.service << ": " << p << " passed, " << f << " failed";
        if (s) std::cout << ", " << s << " skipped";
        std::cout << "\n";
        passed += p;
        failed += f;
        skipped_total += s;
    }
    std::cout << "total: " << passed << " passed, " << failed << " failed";
    if (skipped_total) std::cout << ", " << skipped_total << " skipped";
    std::cout << "\n";
    return failed == 0 && passed > 0 ? 0 : 1;
}
