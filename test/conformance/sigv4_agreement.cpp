// Checks that auth::sigv4_signer signs as botocore does: reads the JSON lines
// botocore_sigv4.py writes (inputs plus botocore's canonical request, string
// to sign, Authorization or presigned URL), signs each request again, and
// compares.
//   stratus-sigv4-agreement [-v] FILE
// Prints each disagreement with both canonical requests, then
// "N passed, M failed"; exits 1 on any disagreement, 2 when it cannot run.
#include <stratus/auth/sigv4.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace json = boost::json;
using namespace stratus;

namespace {

using header_list = std::vector<std::pair<std::string, std::string>>;

std::string str(json::object const& o, std::string_view key)
{
    return std::string(o.at(key).as_string());
}

std::string lower(std::string_view s)
{
    std::string r(s);
    for (auto& c : r)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
}

// Names without case; order only matters among fields of the same name.
header_list normalized(header_list v)
{
    for (auto& h : v)
        h.first = lower(h.first);
    std::stable_sort(v.begin(), v.end(), [](auto const& a, auto const& b) { return a.first < b.first; });
    return v;
}

std::string show(header_list const& h)
{
    std::string s;
    for (auto const& [n, v] : h)
        s += "    " + n + ": " + v + "\n";
    return s;
}

std::string indent(std::string_view text)
{
    std::string s = "    ";
    for (char c : text) {
        s += c;
        if (c == '\n') s += "    ";
    }
    return s + "\n";
}

struct verdict {
    std::vector<std::string> problems;
    std::string expected_creq, actual_creq, extra;
};

verdict check(json::object const& c)
{
    verdict v;
    auto const& exp = c.at("expected").as_object();
    auto const& params = c.at("params").as_object();

    http::request req;
    req.method = str(c, "method");
    req.url.scheme = str(c, "scheme");
    req.url.host = str(c, "host");
    req.url.port = static_cast<std::uint16_t>(c.at("port").to_number<int>());
    req.url.path = str(c, "path");
    req.url.query = str(c, "query");
    for (auto const& h : c.at("headers").as_array()) {
        auto const& pair = h.as_array();
        req.headers.add(std::string(pair.at(0).as_string()), std::string(pair.at(1).as_string()));
    }
    req.body = str(c, "body");

    credentials creds;
    creds.access_key_id = str(c, "access_key");
    creds.secret_access_key = str(c, "secret_key");
    creds.session_token = str(c, "token");

    auth::sigv4_params p;
    p.region = str(c, "region");
    p.service = str(c, "service");
    p.time =
        std::chrono::system_clock::time_point(std::chrono::seconds(c.at("time").to_number<std::int64_t>()));
    p.double_uri_encode = params.at("double_uri_encode").as_bool();
    p.normalize_path = params.at("normalize_path").as_bool();
    p.unsigned_payload = params.at("unsigned_payload").as_bool();
    p.add_content_sha256_header = params.at("add_content_sha256_header").as_bool();

    // One signer for all cases, as a client has: its key cache is exercised too.
    static auth::sigv4_signer const signer;
    auth::sigv4_trace trace;
    v.expected_creq = str(exp, "canonical_request");

    if (c.at("kind").as_string() == "presign") {
        auto url = signer.presign(req, creds, p, std::chrono::seconds(c.at("expires").to_number<long long>()),
                                  &trace);
        if (!url) {
            v.problems.push_back("presign failed: " + url.error().to_string());
            return v;
        }
        if (*url != str(exp, "url")) {
            v.problems.push_back("presigned URL");
            v.extra += "  url:\n    botocore: " + str(exp, "url") + "\n    stratus:  " + *url + "\n";
        }
    } else {
        auto r = signer.sign(req, creds, p, &trace);
        if (!r) {
            v.problems.push_back("sign failed: " + r.error().to_string());
            return v;
        }
        auto const authz = req.headers.get("authorization");
        if (!authz || *authz != str(exp, "authorization")) {
            v.problems.push_back("Authorization");
            v.extra += "  Authorization:\n    botocore: " + str(exp, "authorization") +
                       "\n    stratus:  " + std::string(authz.value_or("<none>")) + "\n";
        }

        header_list want;
        for (auto const& h : exp.at("headers").as_array())
            want.emplace_back(std::string(h.as_array().at(0).as_string()),
                              std::string(h.as_array().at(1).as_string()));
        header_list got(req.headers.begin(), req.headers.end());
        want = normalized(std::move(want));
        got = normalized(std::move(got));
        // botocore signs a Host taken from the URL but leaves adding the
        // header to its HTTP layer; stratus adds it to the request.
        if (std::none_of(want.begin(), want.end(), [](auto const& h) { return h.first == "host"; }))
            std::erase_if(got, [](auto const& h) { return h.first == "host"; });
        if (got != want) {
            v.problems.push_back("signed headers");
            v.extra += "  headers:\n   botocore:\n" + show(want) + "   stratus:\n" + show(got);
        }
    }
    v.actual_creq = trace.canonical_request;
    if (trace.canonical_request != v.expected_creq) v.problems.push_back("canonical request");
    if (trace.string_to_sign != str(exp, "string_to_sign")) v.problems.push_back("string to sign");
    return v;
}

} // namespace

int main(int argc, char** argv)
{
    bool verbose = false;
    std::string path;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "-v" || a == "--verbose")
            verbose = true;
        else if (!a.empty() && a.front() == '-') {
            std::cerr << "usage: " << argv[0] << " [-v] FILE\n";
            return 2;
        } else
            path = a;
    }
    if (path.empty()) {
        std::cerr << "usage: " << argv[0] << " [-v] FILE   (FILE: output of botocore_sigv4.py)\n";
        return 2;
    }
    std::ifstream in(path);
    if (!in) {
        std::cerr << argv[0] << ": cannot open " << path << "\n";
        return 2;
    }

    int passed = 0, failed = 0, line_no = 0;
    std::string line;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty()) continue;
        std::string label = path + ":" + std::to_string(line_no);
        try {
            auto const doc = json::parse(line);
            auto const& c = doc.as_object();
            label = "#" + std::to_string(c.at("id").to_number<int>()) + " (" + str(c, "signer") + ", " +
                    str(c, "service") + ")";
            auto const v = check(c);
            if (v.problems.empty()) {
                ++passed;
                if (verbose) std::cout << "ok   " << label << "\n";
                continue;
            }
            ++failed;
            std::string what;
            for (auto const& p : v.problems)
                what += (what.empty() ? "" : ", ") + p;
            std::cout << "FAIL " << label << ": " << what << " differ\n"
                      << v.extra << "  canonical request, botocore:\n"
                      << indent(v.expected_creq) << "  canonical request, stratus:\n"
                      << indent(v.actual_creq);
        } catch (std::exception const& e) {
            ++failed;
            std::cout << "FAIL " << label << ": bad case: " << e.what() << "\n";
        }
    }
    if (passed + failed == 0) {
        std::cerr << argv[0] << ": no cases in " << path << "\n";
        return 2;
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    return failed ? 1 : 0;
}
