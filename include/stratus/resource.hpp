// Resources, as boto3's resource layer: objects with identifiers, data
// loaded on first use, actions, sub-resources, collections and waiters,
// written by stratus-gen from boto3's resources-1.json into the service
// header (namespace stratus::services::<svc>::resources).
//
//   auto s3 = session.resource<stratus::s3>();       // the service resource
//   auto bucket = s3.bucket("b");                     // identifiers: bucket.name()
//   for (auto const& obj : bucket.objects().filter({.prefix = "logs/"}))
//       std::cout << obj.key() << ' ' << obj.size().value_or(0) << '\n';
//   bucket.objects().filter({.prefix = "tmp/"}).delete_();   // batch action
//   bucket.meta().client().list_objects_v2({.bucket = "b"}); // down to the client
//
// This header holds what every resource shares: resource_meta (boto3's
// `.meta`). Collections are in resource_collection.hpp.
#ifndef STRATUS_RESOURCE_HPP
#define STRATUS_RESOURCE_HPP

#include <stratus/detail/resource_values.hpp>
#include <stratus/error.hpp>
#include <stratus/resource_collection.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace stratus {

/// The data of a resource whose model names no shape.
struct no_data {
    friend bool operator==(no_data, no_data) = default;
};

/// What boto3 keeps in a resource's `.meta`: the client it calls, its
/// identifiers (in model order) and the data loaded or received so far.
/// Resources derive from it; resource.meta() returns it.
template <class Client, std::size_t N, class Data>
class resource_meta {
public:
    using client_type = Client;
    using data_type = Data;
    using identifiers_type = std::array<std::string, N>;

    /// The service client (boto3's meta.client).
    Client const& client() const noexcept { return client_; }
    /// The identifiers, in the order of the model.
    identifiers_type const& identifiers() const noexcept { return ids_; }
    /// The data as it stands, without loading (boto3's meta.data).
    std::optional<Data> const& data() const noexcept { return data_; }

protected:
    /// Throws client_error (invalid_parameter) for an empty identifier: a
    /// resource without its identity cannot make a single correct call.
    resource_meta(std::string_view type, std::array<char const*, N> const& names, Client c, identifiers_type ids,
                  std::optional<Data> d)
        : client_(std::move(c)), ids_(std::move(ids)), data_(std::move(d))
    {
        for (std::size_t i = 0; i < N; ++i)
            if (ids_[i].empty())
                throw_error(make_error(errc::invalid_parameter,
                                       std::string(type) + ": the identifier " + names[i] + " must not be empty"));
    }

    /// data(), or client_error (resource_unavailable) when there is none:
    /// for resources without a load action that were not made with data.
    Data const& received_data(std::string_view type) const
    {
        if (!data_)
            throw_error(make_error(errc::resource_unavailable,
                                   std::string(type) +
                                       " has no load action: its data comes only with the response that made it"));
        return *data_;
    }

    Client client_;
    identifiers_type ids_;
    mutable std::optional<Data> data_;
};

} // namespace stratus

#endif
