// Runs the call layer's non-template core without a network: prepare an
// input into the request the pipeline would send, and finish a canned
// response into an output or an error, exactly as service_client does.
#ifndef STRATUS_TEST_UNIT_PROTOCOL_HARNESS_HPP
#define STRATUS_TEST_UNIT_PROTOCOL_HARNESS_HPP

#include <stratus/protocol/rest_xml.hpp>
#include <stratus/service_client.hpp>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stratus::test {

inline http::response response(unsigned status, std::string body = {},
                               std::vector<std::pair<std::string, std::string>> headers = {})
{
    http::response r;
    r.status = status;
    r.body = std::move(body);
    for (auto& [k, v] : headers) r.headers.add(k, v);
    return r;
}

class harness {
public:
    explicit harness(service_info svc = {"S3", "s3", "s3", true},
                     std::string const& endpoint = "https://s3.us-east-1.amazonaws.com",
                     protocol::engine const& eng = protocol::rest_xml::instance())
        : ctx_(std::make_shared<client_context>(io_.get_executor(), http::client_config{})), eng_(eng)
    {
        ctx_->service = svc;
        ctx_->region = "us-east-1";
        ctx_->endpoint = *http::parse_url(endpoint);
    }

    /// Validation and serialization; the request as it would be signed and sent.
    template <operation Op>
    result<http::request> prepare(typename Op::input const& in)
    {
        cc_.reset();
        cc_.emplace(detail::make_call_context(*ctx_, Op::info));
        auto p = detail::prepare_call(*cc_, eng_, protocol::make_input(in),
                                      protocol::detail::has_raw_payload<typename Op::output>());
        if (!p) return p.error();
        last_params_ = p->params;
        return std::move(p->request);
    }

    /// What the pipeline and the parser make of `res` (after prepare<Op>, whose
    /// call context it reuses, or on its own).
    template <operation Op>
    result<typename Op::output> finish(http::response res)
    {
        if (!cc_ || &cc_->op != &Op::info) cc_.emplace(detail::make_call_context(*ctx_, Op::info));
        typename Op::output out{};
        auto shape = protocol::make_output(out);
        eng_.inspect(*cc_, res, shape);
        auto r = detail::finish_call(*cc_, eng_, res, shape,
                                     detail::error_table<typename Op::errors>::get());
        if (!r) return r.error();
        return out;
    }

    invoke_params const& last_params() const { return last_params_; }
    client_context& context() { return *ctx_; }

private:
    boost::asio::io_context io_;
    std::shared_ptr<client_context> ctx_;
    protocol::engine const& eng_;
    std::optional<protocol::call_context> cc_;
    invoke_params last_params_;
};

} // namespace stratus::test

// Catch prints a result as its error, or "<value>".
template <class T>
struct Catch::StringMaker<boost::system::result<T, stratus::error_info>> {
    static std::string convert(boost::system::result<T, stratus::error_info> const& r)
    {
        return r ? std::string("<value>") : r.error().to_string();
    }
};

#endif
