#include "http_fixture.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <unistd.h>

namespace stratus::test {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using boost::system::error_code;
using namespace std::chrono_literals;

namespace {

bool iequal(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string bio_string(BIO* bio)
{
    char* data = nullptr;
    long const n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

} // namespace

// ---- tls_identity ---------------------------------------------------------------

tls_identity::tls_identity(std::string const& subject_alt_names)
{
    EVP_PKEY* key = nullptr;
    EVP_PKEY_CTX* kctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nullptr);
    if (!kctx || EVP_PKEY_keygen_init(kctx) <= 0 ||
        EVP_PKEY_CTX_set_ec_paramgen_curve_nid(kctx, NID_X9_62_prime256v1) <= 0 ||
        EVP_PKEY_keygen(kctx, &key) <= 0)
        throw fixture_error("cannot generate a test key");
    EVP_PKEY_CTX_free(kctx);

    X509* x = X509_new();
    X509_set_version(x, 2);
    static std::atomic<long> serial{1};
    ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
    X509_gmtime_adj(X509_getm_notBefore(x), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x), 24 * 3600);
    X509_set_pubkey(x, key);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<unsigned char const*>("stratus test"), -1, -1, 0);
    X509_set_issuer_name(x, name);
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, x, x, nullptr, nullptr, 0);
    // As `openssl req -x509` makes them: its own CA, so a bundle holding just
    // this certificate trusts it.
    for (auto [nid, value] : {std::pair{NID_basic_constraints, std::string("critical,CA:TRUE")},
                              std::pair{NID_subject_alt_name, subject_alt_names}}) {
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value.c_str());
        if (!ext) throw fixture_error("cannot make certificate extension " + value);
        X509_add_ext(x, ext, -1);
        X509_EXTENSION_free(ext);
    }
    if (X509_sign(x, key, EVP_sha256()) <= 0) throw fixture_error("cannot sign the test certificate");

    BIO* cb = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(cb, x);
    cert_pem = bio_string(cb);
    BIO_free(cb);
    BIO* kb = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(kb, key, nullptr, nullptr, 0, nullptr, nullptr);
    key_pem = bio_string(kb);
    BIO_free(kb);
    X509_free(x);
    EVP_PKEY_free(key);

    static std::atomic<int> files{0};
    cert_file = (std::filesystem::temp_directory_path() /
                 ("stratus-test-ca-" + std::to_string(::getpid()) + "-" + std::to_string(files++) + ".pem"))
                    .string();
    std::ofstream(cert_file, std::ios::binary) << cert_pem;
}

tls_identity::~tls_identity()
{
    std::error_code ec;
    std::filesystem::remove(cert_file, ec);
}

std::optional<std::string> request_head::get(std::string_view name) const
{
    for (auto const& [n, v] : headers)
        if (iequal(n, name)) return v;
    return std::nullopt;
}

// ---- fixture_connection ------------------------------------------------------------

struct fixture_connection::impl {
    impl(int index, std::atomic<bool> const& stopping) : index(index), stopping(stopping) {}

    int index;
    std::atomic<bool> const& stopping;
    net::io_context ioc{1};
    tcp::socket socket{ioc};
    std::optional<net::ssl::stream<tcp::socket&>> tls;
    std::string pending;
    bool eof = false;

    // Runs one asynchronous operation, giving up after wait (or when the
    // server stops). A cancelled read loses nothing, so the stream stays usable.
    template <class Start>
    std::pair<error_code, std::size_t> bounded(Start start, std::chrono::milliseconds wait)
    {
        error_code result = net::error::timed_out;
        std::size_t bytes = 0;
        bool done = false;
        start([&](error_code ec, std::size_t n) {
            result = ec;
            bytes = n;
            done = true;
        });
        auto const deadline = std::chrono::steady_clock::now() + wait;
        ioc.restart();
        while (!done && !stopping) {
            auto const left = deadline - std::chrono::steady_clock::now();
            if (left <= 0s) break;
            ioc.run_one_for(std::min<std::chrono::steady_clock::duration>(left, 50ms));
        }
        if (!done) {
            error_code ignored;
            socket.cancel(ignored);
            ioc.restart();
            while (!done)
                ioc.run_one();
            result = net::error::timed_out;
        }
        return {result, bytes};
    }

    // Appends what arrives within wait; false on EOF, error or silence.
    bool fill(std::chrono::milliseconds wait)
    {
        char buf[64 * 1024];
        auto [ec, n] = bounded(
            [&](auto h) {
                if (tls)
                    tls->async_read_some(net::buffer(buf), h);
                else
                    socket.async_read_some(net::buffer(buf), h);
            },
            wait);
        pending.append(buf, n);
        if (ec == net::error::eof || ec == net::ssl::error::stream_truncated) eof = true;
        return !ec;
    }

    std::string take(std::size_t n)
    {
        std::string s = pending.substr(0, n);
        pending.erase(0, n);
        return s;
    }

    std::string read_line()
    {
        for (;;) {
            auto const pos = pending.find("\r\n");
            if (pos != std::string::npos) {
                auto line = take(pos + 2);
                line.resize(pos);
                return line;
            }
            if (!fill(10s)) throw fixture_error("connection ended inside a line");
        }
    }
};

fixture_connection::fixture_connection(std::unique_ptr<impl> p) : p_(std::move(p)) {}
fixture_connection::~fixture_connection() = default;

int fixture_connection::index() const
{
    return p_->index;
}

std::optional<request_head> fixture_connection::read_head(std::chrono::milliseconds wait)
{
    auto const deadline = std::chrono::steady_clock::now() + wait;
    std::size_t end;
    while ((end = p_->pending.find("\r\n\r\n")) == std::string::npos) {
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left <= 0ms || !p_->fill(left)) return std::nullopt;
    }
    std::string const text = p_->take(end + 4);
    request_head h;
    std::size_t pos = text.find("\r\n");
    std::string_view line(text.data(), pos);
    auto const sp1 = line.find(' ');
    auto const sp2 = line.find(' ', sp1 + 1);
    h.method = std::string(line.substr(0, sp1));
    h.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
    for (pos += 2; pos < end;) {
        auto const eol = text.find("\r\n", pos);
        std::string_view l(text.data() + pos, eol - pos);
        auto const colon = l.find(':');
        h.headers.emplace_back(std::string(l.substr(0, colon)), std::string(trim(l.substr(colon + 1))));
        pos = eol + 2;
    }
    return h;
}

std::string fixture_connection::read_body(request_head const& h)
{
    auto const te = h.get("Transfer-Encoding");
    if (te && iequal(*te, "chunked")) {
        std::string body;
        for (;;) {
            auto const line = p_->read_line();
            std::size_t n = 0;
            std::from_chars(line.data(), line.data() + line.size(), n, 16);
            if (n == 0) {
                while (!p_->read_line().empty()) {
                }
                return body;
            }
            body += read_exact(n);
            if (!p_->read_line().empty()) throw fixture_error("chunk not followed by CRLF");
        }
    }
    if (auto const cl = h.get("Content-Length")) return read_exact(std::stoull(*cl));
    return {};
}

std::string fixture_connection::read_exact(std::size_t n)
{
    while (p_->pending.size() < n)
        if (!p_->fill(10s))
            throw fixture_error("connection ended after " + std::to_string(p_->pending.size()) + " of " +
                                std::to_string(n) + " bytes");
    return p_->take(n);
}

std::string fixture_connection::read_for(std::chrono::milliseconds wait)
{
    auto const deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left <= 0ms || !p_->fill(left)) break;
    }
    return p_->take(p_->pending.size());
}

bool fixture_connection::closed_by_peer(std::chrono::milliseconds wait)
{
    if (!p_->pending.empty()) return false;
    p_->fill(wait);
    return p_->eof && p_->pending.empty();
}

void fixture_connection::write(std::string_view data)
{
    auto [ec, n] = p_->bounded(
        [&](auto h) {
            if (p_->tls)
                net::async_write(*p_->tls, net::buffer(data), h);
            else
                net::async_write(p_->socket, net::buffer(data), h);
        },
        10s);
    if (ec) throw fixture_error("write failed: " + ec.message());
}

void fixture_connection::close()
{
    error_code ignored;
    p_->socket.shutdown(tcp::socket::shutdown_both, ignored);
    p_->socket.close(ignored);
}

// ---- fixture_server -----------------------------------------------------------------

struct fixture_server::impl {
    handler on_connection;
    std::optional<net::ssl::context> tls;
    net::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    std::atomic<bool> stopping{false};
    std::atomic<int> accepted{0};
    std::thread accept_thread;
    std::mutex mutex;
    std::vector<std::thread> threads;

    void accept_next()
    {
        acceptor.async_accept([this](error_code ec, tcp::socket s) {
            if (ec) return;
            int const index = ++accepted;
            auto const fd = s.release(ec);
            if (!ec) {
                std::lock_guard lock(mutex);
                threads.emplace_back([this, index, fd] { serve(index, fd); });
            }
            accept_next();
        });
    }

    void serve(int index, tcp::socket::native_handle_type fd)
    {
        auto p = std::make_unique<fixture_connection::impl>(index, stopping);
        error_code ec;
        p->socket.assign(tcp::v4(), fd, ec);
        if (ec) return;
        try {
            if (tls) {
                p->tls.emplace(p->socket, *tls);
                auto [hec, n] = p->bounded(
                    [&](auto h) {
                        p->tls->async_handshake(net::ssl::stream_base::server,
                                                [h](error_code e) mutable { h(e, 0); });
                    },
                    10s);
                if (hec) return; // the client refused us, as some tests want
            }
            fixture_connection c(std::move(p));
            on_connection(c);
        } catch (std::exception const&) {
            // The client hung up on purpose, or the test failed; its own checks say which.
        }
    }
};

fixture_server::fixture_server(handler h, tls_identity const* id) : p_(std::make_shared<impl>())
{
    p_->on_connection = std::move(h);
    if (id) {
        p_->tls.emplace(net::ssl::context::tls_server);
        p_->tls->use_certificate_chain(net::buffer(id->cert_pem));
        p_->tls->use_private_key(net::buffer(id->key_pem), net::ssl::context::pem);
    }
    tcp::endpoint const ep(net::ip::make_address("127.0.0.1"), 0);
    p_->acceptor.open(ep.protocol());
    p_->acceptor.set_option(tcp::acceptor::reuse_address(true));
    p_->acceptor.bind(ep);
    p_->acceptor.listen();
    p_->accept_next();
    p_->accept_thread = std::thread([p = p_.get()] { p->ioc.run(); });
}

fixture_server::~fixture_server()
{
    p_->stopping = true;
    net::post(p_->ioc, [p = p_.get()] {
        error_code ignored;
        p->acceptor.close(ignored);
    });
    p_->accept_thread.join();
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(p_->mutex);
        threads.swap(p_->threads);
    }
    for (auto& t : threads)
        t.join();
}

std::uint16_t fixture_server::port() const
{
    return p_->acceptor.local_endpoint().port();
}

std::string fixture_server::url(std::string_view path) const
{
    return std::string(p_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port()) +
           std::string(path);
}

int fixture_server::connections() const
{
    return p_->accepted;
}

std::string make_response(int status, std::string_view body,
                          std::vector<std::pair<std::string, std::string>> const& headers)
{
    auto reason = [status] {
        switch (status) {
        case 100:
            return "Continue";
        case 200:
            return "OK";
        case 204:
            return "No Content";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 413:
            return "Payload Too Large";
        case 417:
            return "Expectation Failed";
        case 500:
            return "Internal Server Error";
        default:
            return "Whatever";
        }
    };
    std::string r = "HTTP/1.1 " + std::to_string(status) + " " + reason() + "\r\n";
    bool has_length = false;
    for (auto const& [n, v] : headers) {
        r += n + ": " + v + "\r\n";
        if (iequal(n, "Content-Length") || iequal(n, "Transfer-Encoding")) has_length = true;
    }
    if (!has_length) r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    r += "\r\n";
    r += body;
    return r;
}

std::uint16_t closed_port()
{
    net::io_context ioc;
    tcp::acceptor a(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
}

std::function<void(fixture_connection&)> serve_all(std::function<std::string(request_head const&)> respond)
{
    return [respond = std::move(respond)](fixture_connection& c) {
        while (auto h = c.read_head()) {
            c.read_body(*h);
            c.write(make_response(200, respond(*h)));
        }
    };
}

http::request get_request(std::string const& url)
{
    http::request r;
    r.url = http::parse_url(url).value();
    return r;
}

} // namespace stratus::test
