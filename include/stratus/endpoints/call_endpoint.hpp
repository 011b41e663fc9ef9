// A resolved endpoint in the form a request uses it, and the per-client
// cache of them. Resolution is deterministic in its parameters, so a client
// keeps the last results (as botocore's lru_cache keeps 100): the same
// bucket, region and settings resolve once, later calls look them up.
#ifndef STRATUS_ENDPOINTS_CALL_ENDPOINT_HPP
#define STRATUS_ENDPOINTS_CALL_ENDPOINT_HPP

#include <stratus/core/http_message.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace stratus::endpoints {

/// How a resolved endpoint is signed: the first auth scheme stratus
/// supports (sigv4).
struct signing {
    std::string name;   ///< empty: the service's signing name
    std::string region; ///< empty: the client's region
    bool disable_double_encoding = false;
};

struct call_endpoint {
    http::url url{};
    std::vector<std::pair<std::string, std::string>> headers{}; ///< the rule set's headers, values joined with ','
    endpoints::signing signing{};
};

/// Thread-safe; bounded (cleared when full, which a client with a steady
/// set of buckets never reaches).
class endpoint_cache {
public:
    static constexpr std::size_t capacity = 100;

    std::shared_ptr<call_endpoint const> find(std::string const& key) const
    {
        std::lock_guard lock(mutex_);
        auto it = map_.find(key);
        return it == map_.end() ? nullptr : it->second;
    }

    void insert(std::string key, std::shared_ptr<call_endpoint const> value)
    {
        std::lock_guard lock(mutex_);
        if (map_.size() >= capacity) map_.clear();
        map_.emplace(std::move(key), std::move(value));
    }

private:
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<call_endpoint const>> map_;
};

} // namespace stratus::endpoints

#endif
