// Runs the AWS SigV4 test suite (botocore's copy, in testdata/sigv4) through
// auth::sigv4_signer. Not a Catch2 program: it is also run by hand, as
//   stratus-conformance-sigv4 [-v] [DIR]
// DIR defaults to $STRATUS_TESTDATA/sigv4, else $STRATUS_TESTDATA_DEFAULT/sigv4.
// Prints one line per failing case (with -v, the full texts too) and a final
// "N passed, M failed"; exits 1 when a case fails, 2 when it cannot run.
//
// Each case X/X.req is a raw HTTP request, signed with the suite's fixed
// inputs and compared with X.creq (canonical request), X.sts (string to sign),
// X.authz (Authorization) and X.sreq (the signed request).
#include <stratus/auth/sigv4.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;
using namespace stratus;

namespace {

// The suite's fixed inputs (testdata/README.md, "SigV4 suite").
constexpr std::string_view access_key = "AKIDEXAMPLE";
constexpr std::string_view secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view region = "us-east-1";
constexpr std::string_view service = "service";

std::chrono::system_clock::time_point suite_time()
{
    using namespace std::chrono;
    return sys_days{year{2015} / August / 30} + hours{12} + minutes{36};
}

std::optional<std::string> read_file(fs::path const& p)
{
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string_view> split_lines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        auto line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        pos = end + 1;
    }
    return lines;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

struct parsed_request {
    http::request req;
    std::string target; // the request-target exactly as written
};

// A raw request as the suite writes it: the target may hold spaces and raw
// UTF-8 (so the line ends at the last " HTTP/"), header values may be folded
// over several lines, and the body follows an empty line.
std::optional<parsed_request> parse_request(std::string_view text, std::string& why)
{
    auto const lines = split_lines(text);
    if (lines.empty() || lines[0].empty()) {
        why = "empty request";
        return std::nullopt;
    }
    parsed_request r;
    auto const first = lines[0];
    auto const sp = first.find(' ');
    auto const ver = first.rfind(" HTTP/");
    if (sp == std::string_view::npos || ver == std::string_view::npos || ver <= sp) {
        why = "bad request line";
        return std::nullopt;
    }
    r.req.method = std::string(first.substr(0, sp));
    r.target = std::string(first.substr(sp + 1, ver - sp - 1));
    auto const q = r.target.find('?');
    r.req.url.path = r.target.substr(0, q);
    if (q != std::string::npos) r.req.url.query = r.target.substr(q + 1);

    std::vector<std::pair<std::string, std::string>> headers;
    std::size_t i = 1;
    for (; i < lines.size() && !lines[i].empty(); ++i) {
        auto const line = lines[i];
        if (line.front() == ' ' || line.front() == '\t') {
            if (headers.empty()) {
                why = "continuation line before any header";
                return std::nullopt;
            }
            // obs-fold: RFC 7230 §3.2.4 lets a recipient replace it with one space.
            headers.back().second += ' ';
            headers.back().second += trim(line);
            continue;
        }
        auto const colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            why = "bad header line '" + std::string(line) + "'";
            return std::nullopt;
        }
        headers.emplace_back(std::string(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))));
    }
    for (auto& [n, v] : headers)
        r.req.headers.add(std::move(n), std::move(v));
    // Lines after the empty one are the body, newlines included.
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
        if (j > i + 1) r.req.body += '\n';
        r.req.body += lines[j];
    }
    if (auto host = r.req.headers.get("host")) {
        auto const h = std::string(*host);
        auto const colon = h.rfind(':');
        r.req.url.host = h.substr(0, colon);
        if (colon != std::string::npos)
            r.req.url.port = static_cast<std::uint16_t>(std::stoi(h.substr(colon + 1)));
    }
    return r;
}

// The value of a header line in the canonical request, if it signs that header.
std::optional<std::string> canonical_header(std::string_view creq, std::string_view lower_name)
{
    auto const lines = split_lines(creq);
    for (std::size_t i = 3; i < lines.size() && !lines[i].empty(); ++i) {
        auto const l = lines[i];
        if (l.size() > lower_name.size() && l.substr(0, lower_name.size()) == lower_name &&
            l[lower_name.size()] == ':')
            return std::string(l.substr(lower_name.size() + 1));
    }
    return std::nullopt;
}

std::string lower(std::string_view s)
{
    std::string r(s);
    for (auto& c : r)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
}

// Header lists compared as HTTP sees them: names without case, order
// significant only among fields of the same name.
std::vector<std::pair<std::string, std::string>> header_set(http::fields const& f)
{
    std::vector<std::pair<std::string, std::string>> v;
    for (auto const& [n, val] : f)
        v.emplace_back(lower(n), val);
    std::stable_sort(v.begin(), v.end(), [](auto const& a, auto const& b) { return a.first < b.first; });
    return v;
}

std::string escape(std::string_view s)
{
    std::string r;
    for (char c : s) {
        if (c == '\n')
            r += "\\n";
        else if (c == '\\')
            r += "\\\\";
        else
            r += c;
    }
    return r;
}

// "line N: expected '...', got '...'" for the first line that differs.
std::string first_difference(std::string_view expected, std::string_view actual)
{
    auto const e = split_lines(expected);
    auto const a = split_lines(actual);
    for (std::size_t i = 0; i < std::max(e.size(), a.size()); ++i) {
        auto const el = i < e.size() ? e[i] : std::string_view("<missing>");
        auto const al = i < a.size() ? a[i] : std::string_view("<missing>");
        if (el != al)
            return "line " + std::to_string(i + 1) + ": expected '" + escape(el) + "', got '" + escape(al) +
                   "'";
    }
    return "texts differ";
}

std::string show_headers(std::vector<std::pair<std::string, std::string>> const& h)
{
    std::string s;
    for (auto const& [n, v] : h)
        s += "  " + n + ": " + v + "\n";
    return s;
}

struct outcome {
    bool ok = true;
    std::string reason;  // the one line
    std::string details; // for -v
    std::string note;    // a check left out, and why: printed even on success
};

outcome run_case(fs::path const& base)
{
    outcome o;
    auto fail = [&](std::string reason, std::string details = {}) {
        o.ok = false;
        o.reason = std::move(reason);
        o.details = std::move(details);
        return o;
    };
    auto file = [&](char const* ext) { return read_file(fs::path(base).concat(ext)); };
    auto const req_text = file(".req");
    auto const creq = file(".creq");
    auto const sts = file(".sts");
    auto const authz = file(".authz");
    auto const sreq_text = file(".sreq");
    if (!req_text || !creq || !sts || !authz || !sreq_text)
        return fail("missing one of .req, .creq, .sts, .authz, .sreq");

    std::string why;
    auto parsed = parse_request(*req_text, why);
    if (!parsed) return fail("cannot parse .req: " + why);
    auto expected = parse_request(*sreq_text, why);
    if (!expected) return fail("cannot parse .sreq: " + why);

    credentials creds;
    creds.access_key_id = access_key;
    creds.secret_access_key = secret_key;
    // The suite's token, when it has one, is the value the canonical request signs.
    if (auto tok = canonical_header(*creq, "x-amz-security-token")) creds.session_token = *tok;

    auth::sigv4_params p;
    p.region = region;
    p.service = service;
    p.time = suite_time();

    auth::sigv4_signer signer;
    auth::sigv4_trace trace;
    auto& req = parsed->req;
    if (auto r = signer.sign(req, creds, p, &trace); !r) return fail("sign failed: " + r.error().to_string());

    // post-sts-header-after: some services want the token added after the
    // signature is computed (post-sts-token/readme.txt). The signer always
    // signs the token it is given, so such a caller passes none and adds the
    // header itself, which is what happens here.
    if (auto tok = expected->req.headers.get("x-amz-security-token");
        tok && !canonical_header(*creq, "x-amz-security-token"))
        req.headers.add("X-Amz-Security-Token", std::string(*tok));

    if (trace.canonical_request != *creq)
        return fail("canonical request: " + first_difference(*creq, trace.canonical_request),
                    "expected:\n" + *creq + "\nactual:\n" + trace.canonical_request + "\n");
    if (trace.string_to_sign != *sts)
        return fail("string to sign: " + first_difference(*sts, trace.string_to_sign),
                    "expected:\n" + *sts + "\nactual:\n" + trace.string_to_sign + "\n");
    auto const got_authz = req.headers.get("authorization");
    if (!got_authz || *got_authz != *authz || trace.authorization != *authz)
        return fail("authorization: expected '" + *authz + "', got '" +
                    std::string(got_authz.value_or("<none>")) + "'");
    if (req.method != expected->req.method) return fail("signed request: method " + req.method);
    if (req.url.target() != expected->target)
        return fail("signed request: target '" + req.url.target() + "', expected '" + expected->target + "'");
    if (req.body != expected->req.body) return fail("signed request: body differs");
    auto got = header_set(req.headers);
    auto want = header_set(expected->req.headers);
    // get-vanilla-with-session-token.sreq carries a Signature that is not the
    // one its .authz and .sts imply (it is the session token rotated by 24
    // digits, a slip in the upstream suite). .authz was checked above, so
    // here the Authorization of such a .sreq is left out, and said so.
    if (auto a = expected->req.headers.get("authorization"); a && *a != *authz) {
        o.note = "the .sreq's Authorization disagrees with the .authz (a defect of the vector); "
                 "checked the .authz, compared the other headers";
        auto drop = [](auto& v) {
            std::erase_if(v, [](auto const& h) { return h.first == "authorization"; });
        };
        drop(got);
        drop(want);
    }
    if (got != want)
        return fail("signed request: headers differ",
                    "expected:\n" + show_headers(want) + "actual:\n" + show_headers(got));
    return o;
}

std::optional<fs::path> default_dir()
{
    for (char const* var : {"STRATUS_TESTDATA", "STRATUS_TESTDATA_DEFAULT"})
        if (char const* v = std::getenv(var); v && *v) return fs::path(v) / "sigv4";
    return std::nullopt;
}

} // namespace

int main(int argc, char** argv)
{
    bool verbose = false;
    std::optional<fs::path> dir;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "-v" || a == "--verbose") {
            verbose = true;
        } else if (a == "-h" || a == "--help") {
            std::cout << "usage: " << argv[0] << " [-v] [DIR]\n"
                      << "Runs the SigV4 test suite in DIR (default: $STRATUS_TESTDATA/sigv4,\n"
                      << "else $STRATUS_TESTDATA_DEFAULT/sigv4).\n";
            return 0;
        } else if (!a.empty() && a.front() == '-') {
            std::cerr << argv[0] << ": unknown option " << a << "\n";
            return 2;
        } else {
            dir = fs::path(a);
        }
    }
    bool const given = dir.has_value();
    if (!dir) dir = default_dir();
    if (!dir) {
        std::cerr << argv[0] << ": no test data: pass DIR or set STRATUS_TESTDATA\n";
        return 2;
    }
    std::error_code ec;
    if (!given && !fs::exists(*dir, ec)) {
        // No ../shared/testdata beside this checkout: skipped (exit 77), as the
        // endpoint runners do, saying where it looked.
        std::cerr << argv[0] << ": SKIP: no test data at " << dir->string()
                  << " (set STRATUS_TESTDATA to the shared testdata folder)\n";
        return 77;
    }
    if (!fs::is_directory(*dir, ec)) {
        std::cerr << argv[0] << ": " << dir->string() << " is not a directory\n";
        return 2;
    }

    std::vector<fs::path> cases;
    for (auto const& e : fs::recursive_directory_iterator(*dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".req")
            cases.push_back(fs::path(e.path()).replace_extension());
    if (ec) {
        std::cerr << argv[0] << ": cannot read " << dir->string() << ": " << ec.message() << "\n";
        return 2;
    }
    if (cases.empty()) {
        std::cerr << argv[0] << ": no .req files under " << dir->string() << "\n";
        return 2;
    }
    std::sort(cases.begin(), cases.end());

    int passed = 0, failed = 0;
    for (auto const& base : cases) {
        auto const name = base.parent_path().lexically_relative(*dir).generic_string();
        auto const o = run_case(base);
        if (o.ok) {
            ++passed;
            if (verbose) std::cout << "ok   " << name << "\n";
            if (!o.note.empty()) std::cout << "note " << name << ": " << o.note << "\n";
        } else {
            ++failed;
            std::cout << "FAIL " << name << ": " << o.reason << "\n";
            if (verbose && !o.details.empty()) std::cout << o.details;
        }
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    return failed ? 1 : 0;
}
