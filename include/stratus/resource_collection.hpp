// Resource collections, as boto3's (bucket.objects.all()): a description
// of a listing that calls the service only when iterated, page by page
// through the operation's paginator when it has one.
//
//   for (auto const& obj : bucket.objects().filter({.prefix = "logs/"}).limit(10)) ...
//   for (auto const& page : bucket.objects().page_size(100).pages()) ...  // std::vector<object_summary>
//   bucket.objects().filter({.prefix = "tmp/"}).delete_();                 // a batch action per page
//
// all(), filter(), limit() and page_size() return new collections, as in
// boto3; a collection can be iterated any number of times, each time from
// the start. A failed call throws as the client's throwing methods do.
#ifndef STRATUS_RESOURCE_COLLECTION_HPP
#define STRATUS_RESOURCE_COLLECTION_HPP

#include <stratus/error.hpp>
#include <stratus/paginator.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stratus {

namespace detail {
// The page_range a paginated listing goes through (nothing for the others).
template <class Op, class Client>
struct collection_pages {
    using type = std::nullptr_t;
};
template <paginated_operation Op, class Client>
struct collection_pages<Op, Client> {
    using type = decltype(std::declval<Client const&>().template get_paginator<Op>().paginate(
        std::declval<typename Op::input>()));
};
} // namespace detail

/// Spec, written by stratus-gen per collection: the operation, the parent
/// and resource types, the params struct (the operation's input minus what
/// the parent fills in), request() and resources().
template <class Spec>
class resource_collection : public Spec::resource::template batch_actions<resource_collection<Spec>> {
public:
    using operation = typename Spec::operation;
    using resource_type = typename Spec::resource;
    using parent_type = typename Spec::parent;
    using params_type = typename Spec::params;
    using page_type = std::vector<resource_type>;

    explicit resource_collection(parent_type parent) : parent_(std::move(parent)) {}

    /// Every resource (boto3's all(): the same collection, params kept).
    resource_collection all() const { return *this; }
    /// The resources the operation returns for these parameters.
    resource_collection filter(params_type params) const
    {
        auto c = *this;
        c.params_.emplace(std::move(params));
        return c;
    }
    /// At most n resources, however many pages that takes.
    resource_collection limit(std::size_t n) const
    {
        auto c = *this;
        c.limit_ = n;
        return c;
    }
    /// The page size asked of the service (the paginator's limit key).
    resource_collection page_size(std::int32_t n) const
    {
        auto c = *this;
        c.page_size_ = n;
        return c;
    }

    parent_type const& parent() const noexcept { return parent_; }

private:
    // The pages of one iteration, fetched on demand.
    struct cursor {
        explicit cursor(resource_collection const& c) : parent(c.parent_), remaining(c.limit_)
        {
            input = Spec::request(parent, c.params());
            if constexpr (paginated_operation<operation>) {
                pagination_config cfg;
                cfg.page_size = c.page_size_;
                pages.emplace(parent.meta().client().template get_paginator<operation>().paginate(*input, cfg));
            }
        }

        // The next page's resources; false after the last page.
        bool next(page_type& out)
        {
            out.clear();
            if (remaining && *remaining == 0) return false;
            std::optional<typename operation::output> page;
            if constexpr (paginated_operation<operation>) {
                page = pages->next_page();
            } else if (!done) {
                done = true;
                page.emplace(parent.meta().client().template call<operation>(*input));
            }
            if (!page) return false;
            out = Spec::resources(parent, *input, *page);
            if (remaining) {
                if (out.size() > *remaining) out.erase(out.begin() + static_cast<std::ptrdiff_t>(*remaining), out.end());
                *remaining -= out.size();
            }
            return true;
        }

        parent_type parent;
        std::optional<typename operation::input> input;
        std::optional<typename detail::collection_pages<operation, typename parent_type::client_type>::type> pages;
        std::optional<std::size_t> remaining;
        bool done = false;
    };

public:
    /// The pages of resources (boto3's pages()), each a std::vector.
    class page_view {
    public:
        class iterator {
        public:
            using iterator_category = std::input_iterator_tag;
            using value_type = page_type;
            using difference_type = std::ptrdiff_t;
            using pointer = page_type const*;
            using reference = page_type const&;

            iterator() = default;
            reference operator*() const { return s_->page; }
            pointer operator->() const { return &s_->page; }
            iterator& operator++()
            {
                if (!s_->cur.next(s_->page)) s_ = nullptr;
                return *this;
            }
            void operator++(int) { ++*this; }
            friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.s_ == b.s_; }

        private:
            friend class page_view;
            struct state {
                cursor cur;
                page_type page;
            };
            explicit iterator(std::shared_ptr<state> s) : s_(std::move(s))
            {
                if (!s_->cur.next(s_->page)) s_ = nullptr;
            }
            std::shared_ptr<state> s_;
        };

        explicit page_view(resource_collection c) : c_(std::move(c)) {}
        /// Starts an iteration: the first request is made here.
        iterator begin() const
        {
            return iterator(std::make_shared<typename iterator::state>(typename iterator::state{cursor(c_), {}}));
        }
        iterator end() const { return iterator(); }

    private:
        resource_collection c_;
    };

    page_view pages() const { return page_view(*this); }

    /// The resources, one at a time, across pages (empty pages skipped).
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = resource_type;
        using difference_type = std::ptrdiff_t;
        using pointer = resource_type const*;
        using reference = resource_type const&;

        iterator() = default;
        reference operator*() const { return p_->page[i_]; }
        pointer operator->() const { return &p_->page[i_]; }
        iterator& operator++()
        {
            ++i_;
            settle();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.p_ == b.p_; }

    private:
        friend class resource_collection;
        struct state {
            cursor cur;
            page_type page;
        };
        explicit iterator(std::shared_ptr<state> p) : p_(std::move(p)) { settle(); }
        void settle()
        {
            while (p_ && i_ >= p_->page.size()) {
                i_ = 0;
                if (!p_->cur.next(p_->page)) p_ = nullptr;
            }
        }
        std::shared_ptr<state> p_;
        std::size_t i_ = 0;
    };

    /// Starts an iteration: the first request is made here.
    iterator begin() const
    {
        return iterator(std::make_shared<typename iterator::state>(typename iterator::state{cursor(*this), {}}));
    }
    iterator end() const { return iterator(); }

private:
    params_type params() const
    {
        if (params_) return *params_;
        if constexpr (std::default_initializable<params_type>) {
            return params_type{};
        } else {
            throw_error(make_error(errc::invalid_parameter,
                                   std::string(Spec::name) + ": the listing needs filter(...) with its required parameters"));
        }
    }

    parent_type parent_;
    std::optional<params_type> params_;
    std::optional<std::size_t> limit_;
    std::optional<std::int32_t> page_size_;
};

} // namespace stratus

#endif
