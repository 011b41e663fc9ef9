#ifndef STRATUS_AUTH_IMPL_SIGV4_IPP
#define STRATUS_AUTH_IMPL_SIGV4_IPP

#include <stratus/auth/sigv4.hpp>
#include <stratus/detail/crypto.hpp>
#include <stratus/detail/text.hpp>
#include <stratus/detail/uri_encode.hpp>

#include <algorithm>
#include <array>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace stratus::detail {

struct sigv4_key_cache {
    explicit sigv4_key_cache(std::size_t cap) : capacity(cap) {}

    struct entry {
        sha256_digest key;
        std::uint64_t last_used;
    };

    std::size_t const capacity;
    std::mutex mutex;
    std::unordered_map<std::string, entry> keys;
    std::uint64_t clock = 0;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
};

namespace sigv4_impl {

constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view unsigned_payload = "UNSIGNED-PAYLOAD";
constexpr long long max_expires = 7 * 24 * 3600;

// botocore's SIGNED_HEADERS_BLACKLIST: hop-by-hop headers a proxy may change
// or drop, and the two that clients rewrite freely (user-agent,
// x-amzn-trace-id). Signing them would break the signature in transit.
constexpr std::array<std::string_view, 11> unsigned_headers = {
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
};

inline bool is_unsigned_header(std::string_view lower_name)
{
    return std::find(unsigned_headers.begin(), unsigned_headers.end(), lower_name) != unsigned_headers.end();
}

inline bool is_control(char c)
{
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
}

// Region, service and access key id go into the credential scope, which
// '/' separates and the Authorization header ends at whitespace or ','.
inline bool is_scope_safe(std::string_view s)
{
    return std::none_of(s.begin(), s.end(),
                        [](char c) { return is_control(c) || c == ' ' || c == '/' || c == ','; });
}

inline void append_digits(std::string& out, long long v, int width)
{
    char buf[20];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v > 0 && n < 20);
    for (int i = n; i < width; ++i)
        out += '0';
    while (n > 0)
        out += buf[--n];
}

struct amz_time {
    std::string stamp;     // 20150830T123600Z
    std::string date;      // 20150830
    std::string http_date; // Sun, 30 Aug 2015 12:36:00 -0000
};

inline std::optional<amz_time> format_time(std::chrono::system_clock::time_point tp)
{
    using namespace std::chrono;
    auto const secs = floor<seconds>(tp);
    auto const day = floor<days>(secs);
    year_month_day const ymd{day};
    hh_mm_ss const hms{secs - day};
    int const y = static_cast<int>(ymd.year());
    if (y < 0 || y > 9999) return std::nullopt;
    amz_time t;
    append_digits(t.date, y, 4);
    append_digits(t.date, static_cast<unsigned>(ymd.month()), 2);
    append_digits(t.date, static_cast<unsigned>(ymd.day()), 2);
    t.stamp = t.date;
    t.stamp += 'T';
    append_digits(t.stamp, hms.hours().count(), 2);
    append_digits(t.stamp, hms.minutes().count(), 2);
    append_digits(t.stamp, hms.seconds().count(), 2);
    t.stamp += 'Z';

    // botocore writes a Date header with email.utils.formatdate(), which
    // spells UTC "-0000"; a service compares the signed bytes, so do the same.
    constexpr std::array<std::string_view, 7> wd = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    constexpr std::array<std::string_view, 12> mon = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    t.http_date = wd[weekday{day}.c_encoding()];
    t.http_date += ", ";
    append_digits(t.http_date, static_cast<unsigned>(ymd.day()), 2);
    t.http_date += ' ';
    t.http_date += mon[static_cast<unsigned>(ymd.month()) - 1];
    t.http_date += ' ';
    append_digits(t.http_date, y, 4);
    t.http_date += ' ';
    t.http_date += t.stamp.substr(9, 2);
    t.http_date += ':';
    t.http_date += t.stamp.substr(11, 2);
    t.http_date += ':';
    t.http_date += t.stamp.substr(13, 2);
    t.http_date += " -0000";
    return t;
}

// RFC 3986 §5.2.4 dot-segment removal, plus the merging of empty segments
// that AWS services apply to every path but S3's.
inline std::string remove_dot_segments(std::string_view path)
{
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        auto const end = std::min(path.find('/', pos), path.size());
        auto const seg = path.substr(pos, end - pos);
        if (seg == "..") {
            if (!out.empty()) out.pop_back();
        } else if (!seg.empty() && seg != ".") {
            out.push_back(seg);
        }
        pos = end + 1;
    }
    std::string r;
    if (!path.empty() && path.front() == '/') r += '/';
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i) r += '/';
        r += out[i];
    }
    if (!out.empty() && path.back() == '/') r += '/';
    if (r.empty()) r = "/";
    return r;
}

// RFC 3986 pchar minus the percent escapes: what may stand unencoded in a path.
inline bool is_path_char(char c)
{
    return is_unreserved(c) || c == '/' || c == '%' || c == ':' || c == '@' ||
           std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos;
}

inline std::string canonical_uri(std::string_view path, auth::sigv4_params const& p)
{
    std::string p1 = path.empty() ? std::string("/") : std::string(path);
    if (p.normalize_path) p1 = remove_dot_segments(p1);
    if (p.double_uri_encode) return uri_encode(p1, true);
    // Without double encoding (S3) the path is signed as it will be sent.
    // Bytes that cannot be on a request line are escaped, as the HTTP layer
    // would have to; text that is already encoded passes unchanged.
    std::string r;
    r.reserve(p1.size());
    for (char c : p1) {
        if (is_path_char(c))
            r += c;
        else
            append_pct(r, static_cast<unsigned char>(c));
    }
    return r;
}

using query_pairs = std::vector<std::pair<std::string, std::string>>;

// Splits an encoded query into pairs in SigV4's spelling. Decoding first
// makes raw UTF-8, lowercase escapes and reserved characters come out the way
// the service spells them when it checks the signature; "k" becomes "k=".
inline query_pairs split_query(std::string_view query)
{
    query_pairs pairs;
    std::size_t pos = 0;
    while (pos <= query.size()) {
        auto const end = std::min(query.find('&', pos), query.size());
        auto const item = query.substr(pos, end - pos);
        pos = end + 1;
        if (item.empty()) continue;
        auto const eq = item.find('=');
        pairs.emplace_back(uri_normalize(item.substr(0, eq)),
                           eq == std::string_view::npos ? std::string() : uri_normalize(item.substr(eq + 1)));
    }
    return pairs;
}

inline std::string join_query(query_pairs const& pairs)
{
    std::string q;
    for (auto const& [k, v] : pairs) {
        if (!q.empty()) q += '&';
        q += k;
        q += '=';
        q += v;
    }
    return q;
}

inline std::string canonical_query(query_pairs pairs)
{
    // Byte order of the encoded key, then of the encoded value.
    std::sort(pairs.begin(), pairs.end());
    return join_query(pairs);
}

// Trims and turns every run of whitespace into one space; a folded
// (multi-line) value becomes one line.
inline std::string canonical_header_value(std::string_view v)
{
    v = trim(v);
    std::string r;
    r.reserve(v.size());
    bool space = false;
    for (char c : v) {
        if (is_space(c)) {
            space = true;
            continue;
        }
        if (space) r += ' ';
        space = false;
        r += c;
    }
    return r;
}

struct canonical_headers_t {
    std::string block;   // "name:value\n" per name
    std::string signed_; // "name;name"
};

inline canonical_headers_t canonical_headers(http::fields const& fields, std::string const& host,
                                             bool skip_form_content_type)
{
    // botocore's query serializer sets this content type itself, and its
    // presigner drops it again (every Content-Type, when the first is this
    // one): whoever uses a presigned URL sends no body.
    auto const ct = fields.get("content-type");
    bool const skip_content_type =
        skip_form_content_type && ct && *ct == "application/x-www-form-urlencoded; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> items;
    items.reserve(fields.size() + 1);
    bool has_host = false;
    for (auto const& [name, value] : fields) {
        auto lname = to_lower(trim(name));
        if (is_unsigned_header(lname) || lname == "authorization") continue;
        if (skip_content_type && lname == "content-type") continue;
        if (lname == "host") has_host = true;
        items.emplace_back(std::move(lname), canonical_header_value(value));
    }
    if (!has_host) items.emplace_back("host", host);
    // Stable: the values of a repeated header keep the order they were sent in.
    std::stable_sort(items.begin(), items.end(),
                     [](auto const& a, auto const& b) { return a.first < b.first; });
    canonical_headers_t r;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i == 0 || items[i].first != items[i - 1].first) {
            if (i) r.block += '\n';
            if (!r.signed_.empty()) r.signed_ += ';';
            r.signed_ += items[i].first;
            r.block += items[i].first;
            r.block += ':';
        } else {
            r.block += ',';
        }
        r.block += items[i].second;
    }
    r.block += '\n';
    return r;
}

inline std::string host_of(http::url const& u)
{
    // botocore takes the host from the URL lowercased, with the port only
    // when it is not the scheme's default.
    http::url lower = u;
    lower.host = to_lower(u.host);
    return lower.authority();
}

inline sha256_digest derive_key(std::string_view secret, std::string_view date, std::string_view region,
                                std::string_view service)
{
    std::string k = "AWS4";
    k += secret;
    auto k_date = hmac_sha256(k, date);
    secure_zero(k.data(), k.size());
    auto k_region = hmac_sha256(k_date, region);
    auto k_service = hmac_sha256(k_region, service);
    auto const key = hmac_sha256(k_service, "aws4_request");
    // The intermediate keys would sign for the same day in other regions
    // or services: no copies left behind on the stack.
    secure_zero(k_date.data(), k_date.size());
    secure_zero(k_region.data(), k_region.size());
    secure_zero(k_service.data(), k_service.size());
    return key;
}

inline sha256_digest signing_key(sigv4_key_cache* cache, std::string_view secret, std::string_view date,
                                 std::string_view region, std::string_view service)
{
    if (!cache || cache->capacity == 0) return derive_key(secret, date, region, service);
    // The secret is known by its hash only; '\n' cannot occur in the other
    // parts (they are checked for control characters).
    auto const fp = sha256(secret);
    std::string id(reinterpret_cast<char const*>(fp.data()), fp.size());
    id += '\n';
    id += date;
    id += '\n';
    id += region;
    id += '\n';
    id += service;
    {
        std::lock_guard lock(cache->mutex);
        if (auto it = cache->keys.find(id); it != cache->keys.end()) {
            it->second.last_used = ++cache->clock;
            ++cache->hits;
            return it->second.key;
        }
    }
    auto const key = derive_key(secret, date, region, service);
    std::lock_guard lock(cache->mutex);
    ++cache->misses;
    if (cache->keys.size() >= cache->capacity && !cache->keys.contains(id)) {
        // Least recently used goes; a linear scan is fine for a cache this small.
        auto oldest =
            std::min_element(cache->keys.begin(), cache->keys.end(), [](auto const& a, auto const& b) {
                return a.second.last_used < b.second.last_used;
            });
        cache->keys.erase(oldest);
    }
    cache->keys.insert_or_assign(std::move(id), sigv4_key_cache::entry{key, ++cache->clock});
    return key;
}

inline error_info fail(errc code, std::string message, std::string_view op)
{
    return make_error(code, std::move(message), std::string(op));
}

// Checks what every signature needs. Messages name the parameter and the
// rule, never a credential's value.
inline std::optional<error_info> check_inputs(http::request const& req, credentials const& creds,
                                              auth::sigv4_params const& p, std::string_view op)
{
    if (creds.empty())
        return fail(errc::no_credentials,
                    "credentials: access key id and secret access key must not be empty", op);
    if (!is_scope_safe(creds.access_key_id))
        return fail(errc::invalid_parameter,
                    "credentials: access key id must not contain '/', ',', spaces or control characters", op);
    if (std::any_of(creds.session_token.begin(), creds.session_token.end(), is_control))
        return fail(errc::invalid_parameter, "credentials: session token must not contain control characters",
                    op);
    if (p.region.empty()) return fail(errc::missing_region, "region: must not be empty", op);
    if (!is_scope_safe(p.region))
        return fail(errc::invalid_parameter,
                    "region: '" + p.region + "' must not contain '/', ',', spaces or control characters", op);
    if (p.service.empty()) return fail(errc::invalid_parameter, "service: must not be empty", op);
    if (!is_scope_safe(p.service))
        return fail(errc::invalid_parameter,
                    "service: '" + p.service + "' must not contain '/', ',', spaces or control characters",
                    op);
    if (p.payload_hash &&
        (p.payload_hash->empty() || std::any_of(p.payload_hash->begin(), p.payload_hash->end(),
                                                [](char c) { return is_control(c) || c == ' '; })))
        return fail(errc::invalid_parameter,
                    "payload_hash: must be non-empty, without spaces or control characters", op);
    if (req.method.empty()) return fail(errc::invalid_parameter, "method: must not be empty", op);
    if (req.url.host.empty() && !req.headers.contains("host"))
        return fail(errc::invalid_parameter, "url.host: must not be empty", op);
    return std::nullopt;
}

inline result<std::string> payload_hash(http::request const& req, auth::sigv4_params const& p,
                                        std::string_view op, bool presign)
{
    // A presigned URL cannot change the headers its user sends: a signed
    // x-amz-content-sha256 is what the service will check the payload against.
    if (presign)
        if (auto h = req.headers.get("x-amz-content-sha256")) return std::string(*h);
    if (p.payload_hash) return *p.payload_hash;
    if (p.unsigned_payload) return std::string(unsigned_payload);
    // A hash the caller already put on the request (botocore honours it the
    // same way), e.g. for aws-chunked uploads; S3 recomputes it instead.
    if (!p.add_content_sha256_header)
        if (auto h = req.headers.get("x-amz-content-sha256")) return std::string(*h);
    if (req.body_stream)
        return fail(
            errc::invalid_parameter,
            "body: a streamed body needs payload_hash, or unsigned_payload where the service allows it", op);
    return sha256_hex(req.body);
}

struct signature_parts {
    std::string canonical_request;
    std::string string_to_sign;
    std::string signature;
};

inline signature_parts compute(sigv4_key_cache* cache, std::string_view method, std::string_view uri,
                               std::string_view query, canonical_headers_t const& headers,
                               std::string_view payload, amz_time const& t, std::string_view scope,
                               credentials const& creds, auth::sigv4_params const& p)
{
    signature_parts s;
    auto& cr = s.canonical_request;
    cr = to_upper(method);
    cr += '\n';
    cr += uri;
    cr += '\n';
    cr += query;
    cr += '\n';
    cr += headers.block;
    cr += '\n';
    cr += headers.signed_;
    cr += '\n';
    cr += payload;

    auto& sts = s.string_to_sign;
    sts = algorithm;
    sts += '\n';
    sts += t.stamp;
    sts += '\n';
    sts += scope;
    sts += '\n';
    sts += sha256_hex(cr);

    auto key = signing_key(cache, creds.secret_access_key, t.date, p.region, p.service);
    s.signature = hex_lower(hmac_sha256(key, sts));
    secure_zero(key.data(), key.size());
    return s;
}

inline std::string credential_scope(amz_time const& t, auth::sigv4_params const& p)
{
    return t.date + '/' + p.region + '/' + p.service + "/aws4_request";
}

} // namespace sigv4_impl
} // namespace stratus::detail

namespace stratus::auth {

STRATUS_DECL sigv4_signer::sigv4_signer(std::size_t key_cache_capacity)
    : cache_(std::make_unique<stratus::detail::sigv4_key_cache>(key_cache_capacity))
{
}

STRATUS_DECL sigv4_signer::~sigv4_signer() = default;

STRATUS_DECL sigv4_signer::sigv4_signer(sigv4_signer const& other)
    : sigv4_signer(other.cache_ ? other.cache_->capacity : 0)
{
}

STRATUS_DECL sigv4_signer& sigv4_signer::operator=(sigv4_signer const& other)
{
    if (this != &other)
        cache_ =
            std::make_unique<stratus::detail::sigv4_key_cache>(other.cache_ ? other.cache_->capacity : 0);
    return *this;
}

STRATUS_DECL sigv4_signer::sigv4_signer(sigv4_signer&& other) noexcept = default;
STRATUS_DECL sigv4_signer& sigv4_signer::operator=(sigv4_signer&& other) noexcept = default;

STRATUS_DECL sigv4_key_cache_stats sigv4_signer::key_cache_stats() const
{
    sigv4_key_cache_stats s;
    if (!cache_) return s;
    std::lock_guard lock(cache_->mutex);
    s.size = cache_->keys.size();
    s.capacity = cache_->capacity;
    s.hits = cache_->hits;
    s.misses = cache_->misses;
    return s;
}

STRATUS_DECL result<void> sigv4_signer::sign(http::request& req, credentials const& creds,
                                             sigv4_params const& p, sigv4_trace* trace) const
{
    namespace impl = stratus::detail::sigv4_impl;
    constexpr std::string_view op = "sigv4 sign";
    if (auto e = impl::check_inputs(req, creds, p, op)) return *e;
    auto const t = impl::format_time(p.time);
    if (!t) return impl::fail(errc::invalid_parameter, "time: must be within the years 0000 to 9999", op);
    auto payload = impl::payload_hash(req, p, op, false);
    if (!payload) return payload.error();

    // Nothing above touched req, so a failed call leaves it as it was.
    req.headers.erase("authorization");
    if (req.headers.contains("date")) {
        // SigV4 accepts Date in place of X-Amz-Date; botocore keeps a Date the
        // request already has (rewritten to the signing time) and adds no X-Amz-Date.
        req.headers.set("Date", t->http_date);
        req.headers.erase("x-amz-date");
    } else {
        req.headers.set("X-Amz-Date", t->stamp);
    }
    if (!creds.session_token.empty()) req.headers.set("X-Amz-Security-Token", creds.session_token);
    if (p.add_content_sha256_header || p.unsigned_payload) req.headers.set("X-Amz-Content-SHA256", *payload);
    if (!req.headers.contains("host")) req.headers.set("Host", impl::host_of(req.url));

    auto const headers = impl::canonical_headers(req.headers, impl::host_of(req.url), false);
    auto const scope = impl::credential_scope(*t, p);
    auto s = impl::compute(cache_.get(), req.method, impl::canonical_uri(req.url.path, p),
                           impl::canonical_query(impl::split_query(req.url.query)), headers, *payload, *t,
                           scope, creds, p);

    std::string authz(impl::algorithm);
    authz += " Credential=";
    authz += creds.access_key_id;
    authz += '/';
    authz += scope;
    authz += ", SignedHeaders=";
    authz += headers.signed_;
    authz += ", Signature=";
    authz += s.signature;
    req.headers.set("Authorization", authz);

    if (trace) {
        trace->canonical_request = std::move(s.canonical_request);
        trace->string_to_sign = std::move(s.string_to_sign);
        trace->signature = std::move(s.signature);
        trace->authorization = std::move(authz);
    }
    return {};
}

STRATUS_DECL result<std::string> sigv4_signer::presign(http::request const& req, credentials const& creds,
                                                       sigv4_params const& p, std::chrono::seconds expires,
                                                       sigv4_trace* trace) const
{
    namespace impl = stratus::detail::sigv4_impl;
    constexpr std::string_view op = "sigv4 presign";
    if (auto e = impl::check_inputs(req, creds, p, op)) return *e;
    if (expires.count() < 1 || expires.count() > impl::max_expires)
        return impl::fail(
            errc::invalid_parameter,
            "expires: must be from 1 to 604800 seconds (7 days), got " + std::to_string(expires.count()), op);
    auto const t = impl::format_time(p.time);
    if (!t) return impl::fail(errc::invalid_parameter, "time: must be within the years 0000 to 9999", op);
    auto payload = impl::payload_hash(req, p, op, true);
    if (!payload) return payload.error();

    auto const headers = impl::canonical_headers(req.headers, impl::host_of(req.url), true);
    auto const scope = impl::credential_scope(*t, p);

    // The operation's own parameters first, then the signature's, as botocore
    // writes them; a URL being presigned again loses its old signature.
    auto pairs = impl::split_query(req.url.query);
    std::erase_if(pairs, [](auto const& kv) {
        constexpr std::array<std::string_view, 7> ours = {
            "X-Amz-Algorithm",     "X-Amz-Credential",     "X-Amz-Date",     "X-Amz-Expires",
            "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature"};
        return std::find(ours.begin(), ours.end(), kv.first) != ours.end();
    });
    pairs.emplace_back("X-Amz-Algorithm", std::string(impl::algorithm));
    pairs.emplace_back("X-Amz-Credential", stratus::detail::uri_encode(creds.access_key_id + '/' + scope));
    pairs.emplace_back("X-Amz-Date", t->stamp);
    pairs.emplace_back("X-Amz-Expires", std::to_string(expires.count()));
    pairs.emplace_back("X-Amz-SignedHeaders", stratus::detail::uri_encode(headers.signed_));
    if (!creds.session_token.empty())
        pairs.emplace_back("X-Amz-Security-Token", stratus::detail::uri_encode(creds.session_token));

    auto s = impl::compute(cache_.get(), req.method, impl::canonical_uri(req.url.path, p),
                           impl::canonical_query(pairs), headers, *payload, *t, scope, creds, p);

    http::url u = req.url;
    u.query = impl::join_query(pairs);
    u.query += "&X-Amz-Signature=";
    u.query += s.signature;
    if (trace) {
        trace->canonical_request = std::move(s.canonical_request);
        trace->string_to_sign = std::move(s.string_to_sign);
        trace->signature = std::move(s.signature);
        trace->authorization.clear();
    }
    return u.to_string();
}

} // namespace stratus::auth

#endif
