// Paginators, as boto3's client.get_paginator(...).paginate(...): a lazy
// range of pages, and of the items of each page's primary result key,
// driven by the accessors stratus-gen writes from paginators-1.json
// (Op::paginator). PaginationConfig's page_size, max_items and
// starting_token behave as in botocore, and so do resume tokens
// (base64 of the input tokens as JSON, with boto_truncate_amount when
// max_items ended inside a page).
//
//   auto pages = s3.get_paginator<s3::ops::list_objects_v2>().paginate({.bucket = "b"}, {.page_size = 100});
//   for (auto const& page : pages) ...             // list_objects_v2_output
//   for (auto const& obj : pages.items()) ...      // s3::object, across pages
//   co_await pages.async_next(diag, use_awaitable)  // asynchronously, page by page
//
// Iterating calls the service: a failed call throws as the client's
// throwing methods do (s3::no_such_bucket, service_error...).
#ifndef STRATUS_PAGINATOR_HPP
#define STRATUS_PAGINATOR_HPP

#include <stratus/detail/crypto.hpp>
#include <stratus/error.hpp>
#include <stratus/paging/access.hpp>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace stratus {

/// boto3's PaginationConfig.
struct pagination_config {
    std::optional<std::size_t> max_items{};  ///< stop after this many items of the primary result key
    std::optional<std::int32_t> page_size{}; ///< the operation's limit key (MaxKeys, MaxResults...)
    std::optional<std::string> starting_token{}; ///< a resume token of an earlier paginate()
};

/// An operation with a paginator (paginators-1.json lists it).
template <class Op>
concept paginated_operation = requires { typename Op::paginator; };

namespace detail {

template <class P, class Input>
boost::json::object paging_tokens(Input const& in)
{
    boost::json::object o;
    P::input_tokens(in, [&](char const* name, auto const& m) { o[name] = paging::to_json(m); });
    return o;
}

} // namespace detail

/// The pages of one paginate() call: an input range, read once.
template <paginated_operation Op, class Client>
class page_range {
    using P = typename Op::paginator;
    struct state;

public:
    using input = typename Op::input;
    using output = typename Op::output;

    page_range(Client client, input in, pagination_config cfg)
        : s_(std::make_shared<state>(std::move(client), std::move(in), std::move(cfg)))
    {
    }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = output;
        using difference_type = std::ptrdiff_t;
        using pointer = output const*;
        using reference = output const&;

        iterator() = default;
        reference operator*() const { return *s_->page; }
        pointer operator->() const { return &*s_->page; }
        iterator& operator++()
        {
            s_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.done() == b.done(); }

    private:
        friend class page_range;
        explicit iterator(state* s) : s_(s) {}
        bool done() const noexcept { return !s_ || !s_->page; }
        state* s_ = nullptr;
    };

    /// The first page is fetched here (one request), the others on ++.
    iterator begin()
    {
        if (!s_->started) s_->advance();
        return iterator(s_.get());
    }
    iterator end() { return iterator(); }

    /// The items of the primary result key across pages (max_items honoured);
    /// it shares this range's state, so it may outlive a temporary range.
    class item_range;
    item_range items() { return item_range(*this); }

    /// The next page, asynchronously, for any completion token: completes
    /// with (error_code, std::optional<output>), nullopt after the last page.
    /// One call at a time per range. The error's details go to `diag`, as
    /// with service_client::async_call.
    template <boost::asio::completion_token_for<void(error_code, std::optional<output>)> CompletionToken>
    auto async_next(error_info& diag, CompletionToken&& token)
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code, std::optional<output>)>(
            [](auto handler, std::shared_ptr<state> s, error_info* d) {
                auto go = s->want_next();
                auto ex = boost::asio::get_associated_executor(handler, s->client.get_executor());
                if (!go || !*go) {
                    error_code ec;
                    if (!go) {
                        *d = go.error();
                        ec = go.error().code;
                    }
                    return boost::asio::post(ex, [h = std::move(handler), ec]() mutable {
                        std::move(h)(ec, std::optional<output>{});
                    });
                }
                s->client.template async_call<Op>(
                    s->in, *d,
                    boost::asio::bind_executor(ex, [h = std::move(handler), s, d](error_code ec, output out) mutable {
                        if (ec) return std::move(h)(ec, std::optional<output>{});
                        if (auto r = s->accept(std::move(out)); !r) {
                            *d = r.error();
                            return std::move(h)(r.error().code, std::optional<output>{});
                        }
                        std::move(h)(ec, std::optional<output>(*s->page));
                    }));
            },
            token, s_, &diag);
    }

    /// The next page, moved out to the caller (nullopt after the last), for
    /// consumers that keep what they read (resource collections). Do not
    /// mix with begin()/++ on the same range.
    std::optional<output> next_page()
    {
        s_->advance();
        return std::exchange(s_->page, std::nullopt);
    }

    /// Where a later paginate() can go on (pagination_config::starting_token);
    /// empty when the last page was read to its end.
    std::optional<std::string> const& resume_token() const noexcept { return s_->resume; }

private:
    struct state {
        state(Client c, input i, pagination_config g) : client(std::move(c)), in(std::move(i)), cfg(std::move(g)) {}

        result<void> start()
        {
            started = true;
            if (cfg.page_size) P::limit(in, *cfg.page_size);
            if (cfg.starting_token) {
                auto text = detail::base64_decode(*cfg.starting_token);
                boost::system::error_code ec;
                auto v = text ? boost::json::parse(*text, ec) : boost::json::value();
                bool ok = text && !ec && v.is_object();
                if (ok) {
                    auto o = v.get_object();
                    if (auto* t = o.if_contains("boto_truncate_amount"); t && t->is_int64() && t->get_int64() >= 0) {
                        skip = static_cast<std::size_t>(t->get_int64());
                        o.erase("boto_truncate_amount");
                    }
                    P::input_tokens(in, [&](char const* name, auto& m) {
                        auto const* tv = o.if_contains(name);
                        ok = ok && (!tv || paging::from_json(m, *tv));
                    });
                }
                if (!ok)
                    return make_error(errc::invalid_parameter, "starting_token: not a resume token of this paginator",
                                      P::operation_name);
            }
            return {};
        }

        // Before a request: false when there is no next page (page cleared).
        result<bool> want_next()
        {
            if (!started) {
                // (in_place_error: result<bool> could also take an error_info as its bool)
                if (auto r = start(); !r) return result<bool>(boost::system::in_place_error, r.error());
            } else if (finished) {
                page.reset();
                return false;
            }
            return true;
        }

        // After a request: the page, trimmed for max_items and a starting
        // token inside a page; the next tokens moved into the input.
        result<void> accept(output out)
        {
            page = std::move(out);
            std::size_t n = 0;
            if (auto const* l = P::items(*page)) n = l->size();
            std::size_t skipped = 0;
            if (skip) {
                // A resume token from inside a page: drop what was already
                // seen, and the secondary result keys, which were returned
                // whole with that page (botocore's _handle_first_request).
                if (auto* l = P::items(*page)) l->erase(l->begin(), l->begin() + std::min(skip, l->size()));
                P::secondary_results(*page, [](auto* r) {
                    if (r) r->clear();
                });
                skipped = skip;
                n = n > skip ? n - skip : 0;
                skip = 0;
            }
            auto const before = detail::paging_tokens<P>(in);
            bool more = P::next(in, *page);
            if (cfg.max_items && seen + n >= *cfg.max_items) {
                std::size_t keep = *cfg.max_items - seen;
                if (keep < n) {
                    // Stop inside this page; resume there with the same tokens.
                    if (auto* l = P::items(*page)) l->erase(l->begin() + keep, l->end());
                    auto t = before;
                    t["boto_truncate_amount"] = static_cast<std::int64_t>(keep + skipped);
                    resume = detail::base64_encode(boost::json::serialize(t));
                } else if (more) {
                    resume = detail::base64_encode(boost::json::serialize(detail::paging_tokens<P>(in)));
                }
                seen += keep < n ? keep : n;
                finished = true;
                return {};
            }
            seen += n;
            if (!more) {
                finished = true;
                return {};
            }
            if (detail::paging_tokens<P>(in) == before) {
                finished = true;
                return make_error(errc::parse_error,
                                  "the same next token was received twice: " + boost::json::serialize(before),
                                  P::operation_name);
            }
            return {};
        }

        void advance()
        {
            auto go = want_next();
            if (!go) throw_error(go.error());
            if (!*go) return;
            if (auto r = accept(client.template call<Op>(in)); !r) throw_error(r.error());
        }

        Client client;
        input in;
        pagination_config cfg;
        std::optional<output> page;
        std::optional<std::string> resume;
        std::size_t seen = 0;
        std::size_t skip = 0;
        bool started = false;
        bool finished = false;
    };

    std::shared_ptr<state> s_;
};

template <paginated_operation Op, class Client>
class page_range<Op, Client>::item_range {
public:
    using element = std::remove_cvref_t<decltype(*Op::paginator::items(std::declval<output const&>())->begin())>;

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = element;
        using difference_type = std::ptrdiff_t;
        using pointer = element const*;
        using reference = element const&;

        iterator() = default;
        reference operator*() const { return (*list())[i_]; }
        pointer operator->() const { return &**this; }
        iterator& operator++()
        {
            ++i_;
            settle();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.done() == b.done(); }

    private:
        friend class item_range;
        explicit iterator(typename page_range::iterator p, typename page_range::iterator e) : p_(p), e_(e) { settle(); }
        auto const* list() const { return Op::paginator::items(*p_); }
        // Moves past empty pages.
        void settle()
        {
            while (p_ != e_) {
                auto const* l = list();
                if (l && i_ < l->size()) return;
                ++p_;
                i_ = 0;
            }
        }
        bool done() const noexcept { return p_ == e_; }
        typename page_range::iterator p_{}, e_{};
        std::size_t i_ = 0;
    };

    // A copy of the range, which shares its state: items() of a temporary
    // (paginate(...).items() in a range-for) must not dangle.
    explicit item_range(page_range const& pages) : pages_(pages) {}
    iterator begin() { return iterator(pages_.begin(), pages_.end()); }
    iterator end() { return iterator(); }

private:
    page_range pages_;
};

/// What client.get_paginator<Op>() returns: paginate() starts a range.
template <paginated_operation Op, class Client>
class paginator {
public:
    explicit paginator(Client c) : client_(std::move(c)) {}
    page_range<Op, Client> paginate(typename Op::input in, pagination_config cfg = {}) const
    {
        return page_range<Op, Client>(client_, std::move(in), std::move(cfg));
    }

private:
    Client client_;
};

} // namespace stratus

#endif
