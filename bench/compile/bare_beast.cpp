// The floor stratus is measured against: a bare Beast + Asio + OpenSSL HTTPS
// GET with certificate verification, the least a hand-rolled client compiles.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <iostream>

int main(int argc, char** argv)
{
    namespace beast = boost::beast;
    namespace http = beast::http;
    namespace net = boost::asio;
    char const* host = argc > 1 ? argv[1] : "localhost";
    char const* port = argc > 2 ? argv[2] : "443";

    net::io_context ioc;
    net::ssl::context ctx(net::ssl::context::tls_client);
    ctx.set_default_verify_paths();
    ctx.set_verify_mode(net::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    SSL_set_tlsext_host_name(stream.native_handle(), host);
    stream.set_verify_callback(net::ssl::host_name_verification(host));
    net::ip::tcp::resolver resolver(ioc);
    beast::error_code ec;
    auto const results = resolver.resolve(host, port, ec);
    if (ec) return std::cerr << ec.message() << '\n', 1;
    beast::get_lowest_layer(stream).connect(results, ec);
    if (ec) return std::cerr << ec.message() << '\n', 1;
    stream.handshake(net::ssl::stream_base::client, ec);
    if (ec) return std::cerr << ec.message() << '\n', 1;
    http::request<http::empty_body> req{http::verb::get, "/", 11};
    req.set(http::field::host, host);
    http::write(stream, req, ec);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res, ec);
    if (ec) return std::cerr << ec.message() << '\n', 1;
    std::cout << res.result_int() << ' ' << res.body().size() << '\n';
}
