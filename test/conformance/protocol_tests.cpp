// Runs botocore's protocol tests (DIR/input/*.json, DIR/output/*.json; the
// format is in ../shared/testdata/README.md) through the tables stratus-gen
// generated from the same files (protocol_cases.hpp), and prints per file and
// in total "N passed, M failed, K skipped". scripts/conformance protocols
// generates, compiles and links the tables, then runs this.
//
//   stratus-conformance-protocols [-v] [--all] [--not-compiled KEY]... DIR
//     -v              list the skipped cases with their reasons
//     --all           also run the cases that are skipped, and say how they end
//     --not-compiled  the table of KEY ("input/rest-xml.json") did not compile:
//                     its cases count as failed
//
// Comparisons follow botocore's tests/unit/test_protocols.py: method, URI
// (path and query, exactly), the expected headers (list values compared
// without the space after commas, query/ec2 Content-Type with or without
// "; charset=utf-8"), requireHeaders present, forbidHeaders absent, host when
// given, and bodies by meaning: JSON as values (numbers as numbers), XML as
// canonical trees (attributes in any order, text trimmed), query strings
// exactly. Outputs are compared as JSON in botocore's parameter shape
// (timestamps epoch seconds, blobs raw strings, NaN and infinities as strings);
// errors by code, message (when the case gives one) and modeled members.
#include "protocol_cases.hpp"
#include "xml_compare.hpp"

#include <stratus/detail/crypto.hpp>
#include <stratus/protocol/detail/cbor.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace json = boost::json;
namespace fs = std::filesystem;

namespace stratus::conformance {

namespace {
std::vector<case_table>& tables()
{
    static std::vector<case_table> t;
    return t;
}
} // namespace

std::span<case_table const> registered_tables()
{
    return tables();
}

void register_table(case_table t)
{
    tables().push_back(t);
}

} // namespace stratus::conformance

namespace {

using namespace stratus;
using conformance::case_entry;

// Cases this runner skips beyond botocore's ignore list, each with its reason.
// Keyed by file ("input/rest-xml.json") and case id.
struct own_skip {
    std::string_view file;
    std::string_view id;
    std::string_view reason;
};
constexpr std::string_view map_order =
    "maps are std::map: entries go out in key order, not in the order the params list them "
    "(the order means nothing to the service; the expected body has insertion order)";
constexpr std::string_view empty_container =
    "output lists and maps are plain containers, not optional: an empty one and an absent one are the "
    "same value, and the output leaves both out where botocore gives [] or {}";
constexpr std::string_view empty_input_container =
    "the input shape is also an output shape, so its lists and maps are plain containers: an empty one is "
    "not sent, where botocore sends [] or {}";
constexpr std::string_view nested_names =
    "member_info describes a list's items or a map's keys and values by name one level deep: the key and value "
    "names of a map inside a map (<InnerKey>) are not in the model vocabulary yet";
constexpr std::string_view item_namespaces =
    "member_info carries xmlNamespace for a member, not for a list's items or a map's keys and values "
    "(<member xmlns=...>, <K xmlns=...>); services do not use it, the vectors do";
constexpr own_skip own_skips[] = {
    {"input/json.json", "serializes_empty_list_shapes", empty_input_container},
    {"input/json.json", "serializes_empty_map_shapes", empty_input_container},
    {"output/ec2.json", "Ec2XmlEmptyLists", empty_container},
    {"output/query.json", "QueryXmlEmptyLists", empty_container},
    {"output/query.json", "QueryXmlEmptyMaps", empty_container},
    {"input/rest-xml.json", "FlattenedXmlMap", map_order},
    {"input/rest-xml.json", "XmlMapsXmlName", map_order},
    {"output/rest-xml.json", "HttpPrefixHeadersAreNotPresent", empty_container},
    {"output/rest-xml.json", "XmlEmptyLists", empty_container},
    {"output/rest-xml.json", "XmlEmptyMaps", empty_container},
    {"output/rest-xml.json", "XmlEmptySelfClosedMaps", empty_container},
    {"output/smithy-rpc-v2-cbor.json", "RpcV2CborListsEmpty", empty_container},
    {"input/rest-xml.json", "NestedXmlMapWithXmlNameSerializes", nested_names},
    {"output/rest-xml.json", "NestedXmlMapWithXmlNameDeserializes", nested_names},
    {"input/rest-xml.json", "RestXmlXmlMapWithXmlNamespace", item_namespaces},
    {"input/rest-xml.json", "XmlNamespaces", item_namespaces},
};

struct options {
    bool verbose = false;
    bool all = false;
    std::set<std::string> not_compiled;
    fs::path dir;
};

std::string read_text(fs::path const& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string_view sv(json::value const* v)
{
    return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

json::value const* at(json::value const& v, std::string_view key)
{
    auto const* o = v.if_object();
    return o ? o->if_contains(key) : nullptr;
}

bool contains_string(json::value const* list, std::string_view s)
{
    if (!list || !list->is_array()) return false;
    for (auto const& e : list->get_array())
        if (e.is_string() && e.get_string() == s) return true;
    return false;
}

std::string shorten(std::string s, std::size_t n = 160)
{
    for (char& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    if (s.size() > n) s = s.substr(0, n) + "...";
    return s;
}

std::string show(json::value const& v)
{
    return shorten(json::serialize(v), 100);
}

// --- comparing JSON values ----------------------------------------------------

bool same_number(json::value const& a, json::value const& b)
{
    if (a.is_double() || b.is_double()) {
        double x = a.to_number<double>(), y = b.to_number<double>();
        return x == y || (std::isnan(x) && std::isnan(y));
    }
    if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
    if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
    return false; // int64 and uint64 overlap only where both would be int64
}

// The first difference between actual `a` and expected `e`, as one line.
std::optional<std::string> json_diff(json::value const& a, json::value const& e, std::string const& path)
{
    std::string where = path.empty() ? "(top)" : path;
    if (a.is_number() && e.is_number()) {
        if (same_number(a, e)) return std::nullopt;
        return where + ": expected " + show(e) + ", got " + show(a);
    }
    if (a.kind() != e.kind() && !(a.is_number() && e.is_number()))
        return where + ": expected " + show(e) + ", got " + show(a);
    if (e.is_object()) {
        auto const& ao = a.get_object();
        auto const& eo = e.get_object();
        for (auto const& [k, v] : eo) {
            std::string p = path.empty() ? std::string(k) : path + "." + std::string(k);
            auto const* av = ao.if_contains(k);
            if (!av) return p + ": missing (expected " + show(v) + ")";
            if (auto d = json_diff(*av, v, p)) return d;
        }
        for (auto const& [k, v] : ao)
            if (!eo.contains(k))
                return (path.empty() ? std::string(k) : path + "." + std::string(k)) + ": unexpected " + show(v);
        return std::nullopt;
    }
    if (e.is_array()) {
        auto const& aa = a.get_array();
        auto const& ea = e.get_array();
        for (std::size_t i = 0; i < std::min(aa.size(), ea.size()); ++i)
            if (auto d = json_diff(aa[i], ea[i], path + "[" + std::to_string(i) + "]")) return d;
        if (aa.size() != ea.size())
            return where + ": expected " + std::to_string(ea.size()) + " items, got " + std::to_string(aa.size());
        return std::nullopt;
    }
    if (a == e) return std::nullopt;
    return where + ": expected " + show(e) + ", got " + show(a);
}

// --- comparing requests ---------------------------------------------------------

// Smithy writes list header values "a, b"; botocore and stratus write "a,b".
std::string list_spacing(std::string_view v)
{
    std::string r;
    for (std::size_t i = 0; i < v.size(); ++i) {
        r += v[i];
        if (v[i] == ',' && i + 1 < v.size() && v[i + 1] == ' ') ++i;
    }
    return r;
}

std::optional<std::string> body_diff(std::string const& protocol, std::string const& actual, std::string const& expected)
{
    if (protocol == "json" || protocol == "rest-json") {
        boost::system::error_code ea, ee;
        auto a = json::parse(actual, ea);
        auto e = json::parse(expected, ee);
        if (!ea && !ee) {
            if (auto d = json_diff(a, e, "")) return "body " + *d + "; sent " + shorten(actual, 200);
            return std::nullopt;
        }
        if (protocol == "json" && !(actual.empty() && expected.empty()))
            return "body is not JSON: expected " + shorten(expected) + ", got " + shorten(actual);
    } else if (protocol == "rest-xml" && !expected.empty()) {
        auto a = stratus::test::canonical_xml(actual, true);
        auto e = stratus::test::canonical_xml(expected, true);
        if (!a.starts_with("<malformed") && !e.starts_with("<malformed")) {
            if (a == e) return std::nullopt;
            return "body: expected " + shorten(e, 400) + ", got " + shorten(a, 400);
        }
    } else if (protocol == "smithy-rpc-v2-cbor") {
        // The expected body is base64 of the CBOR bytes; compared by meaning
        // (definite or indefinite lengths, float widths, map key order aside).
        if (expected.empty()) {
            if (actual.empty()) return std::nullopt;
            return "body: expected none, got " + shorten(stratus::detail::base64_encode(actual));
        }
        auto raw = stratus::detail::base64_decode(expected);
        if (!raw) return "the case's body is not base64";
        auto a = stratus::protocol::detail::cbor_diagnostic(actual, true);
        auto e = stratus::protocol::detail::cbor_diagnostic(*raw, true);
        if (!e) return "the case's body is not CBOR";
        if (!a) return "body is not CBOR: " + shorten(stratus::detail::base64_encode(actual));
        if (*a == *e) return std::nullopt;
        return "body (CBOR): expected " + shorten(*e, 400) + ", got " + shorten(*a, 400);
    }
    if (actual == expected) return std::nullopt;
    return "body: expected " + shorten(expected, 400) + ", got " + shorten(actual, 400);
}

// Smithy pins idempotency tokens to this value; a generated token stands in
// for it where the expected request has it (see --all and the README).
constexpr std::string_view pinned_uuid = "00000000-0000-4000-8000-000000000000";

bool is_uuid4_at(std::string_view s, std::size_t i)
{
    if (i + 36 > s.size()) return false;
    for (std::size_t k = 0; k < 36; ++k) {
        char c = s[i + k];
        bool dash = k == 8 || k == 13 || k == 18 || k == 23;
        if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return false;
    }
    return s[i + 14] == '4';
}

void pin_uuids(std::string& actual, std::string_view expected)
{
    if (expected.find(pinned_uuid) == std::string_view::npos) return;
    for (std::size_t i = 0; i + 36 <= actual.size(); ++i)
        if (is_uuid4_at(actual, i)) actual.replace(i, 36, pinned_uuid);
}

std::optional<std::string> request_diff(std::string const& protocol, http::request& req, json::value const& ser,
                                        client_context const& ctx)
{
    if (auto m = sv(at(ser, "method")); !m.empty() && m != req.method)
        return "method: expected " + std::string(m) + ", got " + req.method;
    std::string uri = req.url.path + (req.url.query.empty() ? "" : "?" + req.url.query);
    std::string want_uri(sv(at(ser, "uri")));
    pin_uuids(uri, want_uri);
    if (uri != want_uri) return "uri: expected " + want_uri + ", got " + uri;

    if (auto const* hs = at(ser, "headers"); hs && hs->is_object()) {
        for (auto const& [k, v] : hs->get_object()) {
            std::string want(sv(&v));
            auto got = req.headers.get(k);
            // botocore sends no Content-Type for a string or blob payload, and
            // its runner drops the expected Content-Type for rest-xml, and for
            // rest-json unless it is application/json. stratus sends none
            // there either; a Content-Type it does send must match.
            if (!got && k == "Content-Type" &&
                (protocol == "rest-xml" || (protocol == "rest-json" && sv(&v) != "application/json")))
                continue;
            if (!got) return "header " + std::string(k) + ": missing (expected \"" + want + "\")";
            std::string g(*got);
            if (g == want || list_spacing(g) == list_spacing(want)) continue;
            // botocore sends "; charset=utf-8" with query and ec2 form bodies
            // and its runner adds it to the expectation.
            if ((protocol == "query" || protocol == "ec2") && k == "Content-Type" && g == want + "; charset=utf-8") continue;
            return "header " + std::string(k) + ": expected \"" + want + "\", got \"" + g + "\"";
        }
    }
    if (auto const* rh = at(ser, "requireHeaders"); rh && rh->is_array()) {
        for (auto const& h : rh->get_array()) {
            std::string_view name = sv(&h);
            if (req.headers.contains(name)) continue;
            // The HTTP core adds Content-Length when it sends a body of known
            // size, or an empty one with POST, PUT or PATCH (http_client.ipp).
            bool sized = !req.body_stream || req.body_stream->size();
            if (name == "Content-Length" && sized &&
                (!req.body.empty() || req.method == "POST" || req.method == "PUT" || req.method == "PATCH"))
                continue;
            return "header " + std::string(name) + ": required, absent";
        }
    }
    if (auto const* fh = at(ser, "forbidHeaders"); fh && fh->is_array())
        for (auto const& h : fh->get_array())
            if (auto got = req.headers.get(sv(&h)))
                return "header " + std::string(sv(&h)) + ": forbidden, sent \"" + std::string(*got) + "\"";

    if (auto host = sv(at(ser, "host")); !host.empty()) {
        std::string got = req.url.authority();
        // "example.com/custom": Smithy's host includes the endpoint's path.
        if (host.find('/') != std::string_view::npos) {
            std::string base = ctx.endpoint.path;
            while (!base.empty() && base.back() == '/') base.pop_back();
            got += base;
        }
        if (got != host) return "host: expected " + std::string(host) + ", got " + got;
    }

    if (auto const* b = at(ser, "body")) {
        if (req.body_stream) return "body: a stream, expected " + shorten(std::string(sv(b)));
        std::string body = req.body;
        pin_uuids(body, sv(b));
        if (auto d = body_diff(protocol, body, std::string(sv(b)))) return d;
    }
    return std::nullopt;
}

// --- output cases ---------------------------------------------------------------

http::response make_response(json::value const& c, std::string const& protocol)
{
    http::response res;
    auto const& r = *at(c, "response");
    if (auto const* s = at(r, "status_code"); s && s->is_number()) res.status = s->to_number<unsigned>();
    if (auto const* hs = at(r, "headers"); hs && hs->is_object())
        for (auto const& [k, v] : hs->get_object()) res.headers.add(std::string(k), std::string(sv(&v)));
    if (auto const* b = at(r, "body")) res.body = std::string(sv(b));
    else if (protocol == "query") res.body = "<xml/>"; // as botocore's runner does
    if (protocol == "smithy-rpc-v2-cbor") {
        auto raw = stratus::detail::base64_decode(res.body);
        res.body = raw ? std::move(*raw) : std::string();
    }
    return res;
}

std::optional<std::string> output_diff(conformance::parsed_response const& p, json::value const& c)
{
    if (auto const* expected = at(c, "result")) {
        if (!p.success) return "expected a result, got error: " + shorten(p.error.to_string(), 300);
        if (auto d = json_diff(p.output, *expected, "")) return "result " + *d;
        return std::nullopt;
    }
    if (p.success) return "expected error " + std::string(sv(at(c, "errorCode"))) + ", got result " + show(p.output);
    if (p.error.code != errc::service_error) return "expected a service error, got: " + shorten(p.error.to_string(), 300);
    if (auto code = sv(at(c, "errorCode")); p.error.aws_code != code)
        return "error code: expected " + std::string(code) + ", got " + p.error.aws_code;
    if (auto const* m = at(c, "errorMessage"); m && p.error.message != sv(m))
        return "error message: expected \"" + std::string(sv(m)) + "\", got \"" + p.error.message + "\"";
    json::value const* members = at(c, "error");
    bool wants_members = members && members->is_object() && !members->get_object().empty();
    if (!wants_members) return std::nullopt;
    if (!p.modeled) return "error members: expected " + show(*members) + ", the error was not modeled";
    if (auto d = json_diff(p.members, *members, "")) return "error " + *d;
    return std::nullopt;
}

// --- the ignore list ----------------------------------------------------------------

struct ignore_list {
    json::value doc;

    // botocore's _should_ignore_test: general suites/cases, then the protocol's
    // (the file name without .json).
    bool ignores(std::string const& stem, std::string const& direction, std::string_view suite, std::string_view id) const
    {
        auto check = [&](json::value const* section) {
            if (!section) return false;
            auto const* d = at(*section, direction);
            if (!d) return false;
            return contains_string(at(*d, "suites"), suite) || contains_string(at(*d, "cases"), id);
        };
        if (check(at(doc, "general"))) return true;
        auto const* protocols = at(doc, "protocols");
        return protocols && check(at(*protocols, stem));
    }
};

struct counts {
    std::size_t passed = 0, failed = 0, skipped = 0;
};

std::string line(counts const& c)
{
    return std::to_string(c.passed) + " passed, " + std::to_string(c.failed) + " failed, " + std::to_string(c.skipped) +
           " skipped";
}

counts run_file(options const& opt, ignore_list const& ignores, fs::path const& path, std::string const& direction,
                boost::asio::io_context& io)
{
    std::string key = direction + "/" + path.filename().string();
    std::string stem = path.stem().string();
    counts n;
    json::value doc;
    try {
        doc = json::parse(read_text(path));
    } catch (std::exception const& e) {
        std::cout << key << ": not JSON (" << e.what() << ")\n";
        n.failed = 1;
        return n;
    }
    conformance::case_table const* table = nullptr;
    for (auto const& t : conformance::registered_tables())
        if (t.key == key) table = &t;
    std::vector<std::string> report;
    auto fail = [&](json::value const& suite, json::value const& c, std::string const& why) {
        ++n.failed;
        report.push_back("  FAIL " + std::string(sv(at(c, "id"))) + " (" + std::string(sv(at(suite, "description"))) +
                         "): " + why);
    };

    auto const* suites = doc.if_array();
    for (std::size_t si = 0; suites && si < suites->size(); ++si) {
        auto const& suite = (*suites)[si];
        std::string protocol(sv(at(*at(suite, "metadata"), "protocol")));
        std::string endpoint = "https://example.com";
        if (auto e = sv(at(suite, "clientEndpoint")); !e.empty()) endpoint = std::string(e);
        auto const* cases = at(suite, "cases");
        for (std::size_t ci = 0; cases && ci < cases->get_array().size(); ++ci) {
            auto const& c = cases->get_array()[ci];
            std::string id(sv(at(c, "id")));
            std::string skip_reason;
            if (ignores.ignores(stem, direction, sv(at(suite, "description")), id))
                skip_reason = "botocore's protocol-tests-ignore-list.json";
            for (auto const& s : own_skips)
                if (s.file == key && s.id == id) skip_reason = std::string(s.reason);
            if (!skip_reason.empty()) {
                ++n.skipped;
                if (opt.verbose) report.push_back("  skip " + id + ": " + skip_reason);
                if (!opt.all) continue;
            }
            auto note = [&](std::optional<std::string> const& diff) {
                if (!skip_reason.empty()) {
                    report.push_back("  (skipped) " + id + (diff ? " would fail: " + *diff : " would pass"));
                    return;
                }
                if (diff) fail(suite, c, *diff);
                else ++n.passed;
            };

            if (opt.not_compiled.count(key)) {
                note("the generated C++ for " + key + " did not compile");
                continue;
            }
            case_entry const* entry = nullptr;
            if (table)
                for (auto const& e : table->entries)
                    if (e.suite == si && e.index == ci) entry = &e;
            if (!entry || entry->id != id) {
                note(std::string("no generated case (regenerate: the table is not from this file)"));
                continue;
            }
            if (!entry->generation_error.empty()) {
                note("the suite's model did not generate: " + std::string(entry->generation_error));
                continue;
            }

            auto ctx = std::make_shared<client_context>(io.get_executor(), http::client_config{});
            ctx->service = *entry->service;
            ctx->region = "us-east-1";
            auto url = http::parse_url(endpoint);
            if (!url) {
                note("clientEndpoint " + endpoint + ": " + url.error().message);
                continue;
            }
            ctx->endpoint = *url;

            if (direction == "input") {
                json::value params = json::object();
                if (auto const* p = at(c, "params")) params = *p;
                auto req = entry->serialize ? entry->serialize(params, *ctx)
                                            : result<http::request>(make_error(errc::invalid_parameter, "no serializer"));
                if (!req) {
                    note("serialization failed: " + shorten(req.error().to_string(), 300));
                    continue;
                }
                note(request_diff(protocol, *req, *at(c, "serialized"), *ctx));
            } else {
                if (!at(c, "response") || !entry->parse) {
                    note(std::string("no response or no parser"));
                    continue;
                }
                auto res = make_response(c, protocol);
                note(output_diff(entry->parse(res, *ctx), c));
            }
        }
    }
    std::cout << key << ": " << line(n) << "\n";
    for (auto const& r : report) std::cout << r << "\n";
    return n;
}

int usage()
{
    std::cerr << "usage: stratus-conformance-protocols [-v] [--all] [--not-compiled KEY]... DIR\n";
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    options opt;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "-v") opt.verbose = true;
        else if (a == "--all") opt.all = true;
        else if (a == "--not-compiled" && i + 1 < argc) opt.not_compiled.insert(argv[++i]);
        else if (a.starts_with("-")) return usage();
        else opt.dir = a;
    }
    if (opt.dir.empty()) return usage();
    if (!fs::is_directory(opt.dir / "input") && !fs::is_directory(opt.dir / "output")) {
        std::cerr << "stratus-conformance-protocols: no input/ or output/ in " << opt.dir.string() << "\n";
        return 77;
    }
    ignore_list ignores;
    if (auto p = opt.dir / "protocol-tests-ignore-list.json"; fs::exists(p)) ignores.doc = json::parse(read_text(p));

    boost::asio::io_context io;
    counts total;
    for (std::string direction : {"input", "output"}) {
        std::vector<fs::path> files;
        std::error_code ec;
        for (auto const& e : fs::directory_iterator(opt.dir / direction, ec))
            if (e.path().extension() == ".json") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (auto const& f : files) {
            auto n = run_file(opt, ignores, f, direction, io);
            total.passed += n.passed;
            total.failed += n.failed;
            total.skipped += n.skipped;
        }
    }
    std::cout << "total: " << line(total) << "\n";
    return total.failed ? 1 : 0;
}
