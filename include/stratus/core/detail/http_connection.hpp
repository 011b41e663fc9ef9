// One HTTP/1.1 connection (plain or TLS) and the pool that keeps idle ones.
// Included only by core/impl/http_client.ipp: Beast and OpenSSL stay out of
// the public headers.
#ifndef STRATUS_CORE_DETAIL_HTTP_CONNECTION_HPP
#define STRATUS_CORE_DETAIL_HTTP_CONNECTION_HPP

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace stratus::detail::http_core {

namespace net = boost::asio;
namespace beast = boost::beast;

// read_timeout bounds silence, not the whole exchange: a large download may
// take minutes as long as bytes keep coming (botocore's socket timeout works
// the same way). Beast's expiry is a deadline for the operations started after
// it is set, so this layer re-arms it before every socket read and write. TLS
// sits on top of it, so every record read is timed the same way.
class timed_stream {
public:
    using executor_type = beast::tcp_stream::executor_type;
    using lowest_layer_type = beast::tcp_stream::socket_type; // ssl::stream needs it
    using next_layer_type = beast::tcp_stream;

    explicit timed_stream(executor_type const& ex) : tcp_(ex) {}

    executor_type get_executor() noexcept { return tcp_.get_executor(); }
    lowest_layer_type& lowest_layer() noexcept { return tcp_.socket(); }
    lowest_layer_type const& lowest_layer() const noexcept { return tcp_.socket(); }
    beast::tcp_stream& tcp() noexcept { return tcp_; }

    /// Longest silence per socket operation; zero leaves the expiry alone, so
    /// the connect phase can run under one overall deadline instead.
    void idle_limit(std::chrono::milliseconds d) noexcept { idle_limit_ = d; }

    template <class MutableBufferSequence, class ReadHandler>
    void async_read_some(MutableBufferSequence const& buffers, ReadHandler&& handler)
    {
        arm();
        tcp_.async_read_some(buffers, std::forward<ReadHandler>(handler));
    }

    template <class ConstBufferSequence, class WriteHandler>
    void async_write_some(ConstBufferSequence const& buffers, WriteHandler&& handler)
    {
        arm();
        tcp_.async_write_some(buffers, std::forward<WriteHandler>(handler));
    }

private:
    void arm()
    {
        if (idle_limit_.count() > 0) tcp_.expires_after(idle_limit_);
    }

    beast::tcp_stream tcp_;
    std::chrono::milliseconds idle_limit_{0};
};

/// A connection to one (scheme, host, port), with the buffers it keeps between
/// requests. Reads and writes go to TLS or straight to TCP, chosen at run time,
/// so Beast's HTTP algorithms are instantiated once for both schemes.
class connection {
public:
    using executor_type = timed_stream::executor_type;
    static constexpr std::size_t scratch_size = 64 * 1024;

    connection(executor_type const& ex, std::shared_ptr<net::ssl::context> tls, std::string key)
        : tls_context_(std::move(tls)), raw_(ex), key_(std::move(key))
    {
        if (tls_context_) tls_.emplace(raw_, *tls_context_);
    }
    connection(connection const&) = delete;
    connection& operator=(connection const&) = delete;

    executor_type get_executor() noexcept { return raw_.get_executor(); }

    template <class MutableBufferSequence, class ReadHandler>
    void async_read_some(MutableBufferSequence const& buffers, ReadHandler&& handler)
    {
        if (tls_)
            tls_->async_read_some(buffers, std::forward<ReadHandler>(handler));
        else
            raw_.async_read_some(buffers, std::forward<ReadHandler>(handler));
    }

    template <class ConstBufferSequence, class WriteHandler>
    void async_write_some(ConstBufferSequence const& buffers, WriteHandler&& handler)
    {
        if (tls_)
            tls_->async_write_some(buffers, std::forward<WriteHandler>(handler));
        else
            raw_.async_write_some(buffers, std::forward<WriteHandler>(handler));
    }

    timed_stream& raw() noexcept { return raw_; }
    net::ssl::stream<timed_stream&>* tls() noexcept { return tls_ ? &*tls_ : nullptr; }
    net::ip::tcp::socket& socket() noexcept { return raw_.lowest_layer(); }
    std::string const& key() const noexcept { return key_; }
    beast::flat_buffer& buffer() noexcept { return buffer_; }

    char* scratch()
    {
        if (!scratch_) scratch_ = std::make_unique<char[]>(scratch_size);
        return scratch_.get();
    }

    /// Stops everything at once. No TLS close_notify: nobody waits for it,
    /// and a peer that stopped answering would only make us wait.
    void close() noexcept { raw_.tcp().close(); }

    /// Aborts the pending operations but keeps the connection usable.
    void cancel() noexcept { raw_.tcp().cancel(); }

    /// Whether an idle connection can carry another request. Anything readable
    /// on an idle HTTP/1.1 connection is either the server's FIN or bytes nobody
    /// asked for; both rule it out. Checked with one non-blocking peek, which
    /// catches the common case (the server dropped an idle connection long ago)
    /// before a request is spent on it; a close racing with our request is
    /// handled by the retry.
    bool idle_and_open() noexcept
    {
        auto& s = socket();
        if (!s.is_open()) return false;
        boost::system::error_code ec;
        char c;
        s.receive(net::buffer(&c, 1), net::socket_base::message_peek, ec);
        return ec == net::error::would_block;
    }

private:
    std::shared_ptr<net::ssl::context> tls_context_; // outlives the SSL object made from it
    timed_stream raw_;
    std::optional<net::ssl::stream<timed_stream&>> tls_;
    std::string key_;
    beast::flat_buffer buffer_;
    std::unique_ptr<char[]> scratch_;
};

/// Idle keep-alive connections by "scheme://host:port". The asynchronous pool
/// of a client is shared by every thread running its executor and so locks;
/// the per-thread pools of the synchronous API do not need to.
class connection_pool {
public:
    connection_pool(std::size_t max_idle_per_key, bool shared) : max_idle_(max_idle_per_key), shared_(shared)
    {
    }
    connection_pool(connection_pool const&) = delete;
    connection_pool& operator=(connection_pool const&) = delete;

    /// The most recently used idle connection that still looks open, or null.
    std::unique_ptr<connection> take(std::string const& key)
    {
        for (;;) {
            std::unique_ptr<connection> c;
            {
                auto lock = guard();
                auto it = idle_.find(key);
                if (it == idle_.end() || it->second.empty()) return nullptr;
                c = std::move(it->second.back());
                it->second.pop_back();
            }
            // Checked outside the lock: it is a system call.
            if (c->idle_and_open()) return c;
        }
    }

    /// Keeps c for reuse, or closes it when the pool is full or shut down.
    void put(std::unique_ptr<connection> c)
    {
        {
            auto lock = guard();
            if (!closed_) {
                auto& v = idle_[c->key()];
                if (v.size() < max_idle_) {
                    v.push_back(std::move(c));
                    return;
                }
            }
        }
        c->close();
    }

    /// Closes every idle connection; with stop, later put() calls close too.
    void clear(bool stop = false)
    {
        std::unordered_map<std::string, std::vector<std::unique_ptr<connection>>> doomed;
        {
            auto lock = guard();
            doomed.swap(idle_);
            if (stop) closed_ = true;
        }
    }

private:
    std::unique_lock<std::mutex> guard()
    {
        return shared_ ? std::unique_lock<std::mutex>(mutex_) : std::unique_lock<std::mutex>();
    }

    std::mutex mutex_;
    std::unordered_map<std::string, std::vector<std::unique_ptr<connection>>> idle_;
    std::size_t max_idle_;
    bool shared_;
    bool closed_ = false;
};

} // namespace stratus::detail::http_core

#endif
