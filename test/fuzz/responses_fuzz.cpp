// libFuzzer target for the response parsers of the json, rest-json, query,
// ec2 and rest-xml engines: whatever a server sends (any status, body and a
// header), parsing ends in an output or a typed error (errc::parse_error for
// a success body that does not fit the model, errc::service_error for an
// error response), never a crash, a hang or a sanitizer report. The shapes
// are DynamoDB's generated QueryOutput (recursive AttributeValue maps and
// lists, numbers, blobs) and its modeled errors.
#include <stratus/protocol/ec2.hpp>
#include <stratus/protocol/json.hpp>
#include <stratus/protocol/query.hpp>
#include <stratus/protocol/rest_json.hpp>
#include <stratus/protocol/rest_xml.hpp>
#include <stratus/service_client.hpp>
#include <stratus/services/dynamodb.hpp>

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

namespace ddb = stratus::services::dynamodb;

namespace {

stratus::protocol::engine const& engine_for(unsigned which)
{
    switch (which % 5) {
    case 0: return stratus::protocol::json::instance();
    case 1: return stratus::protocol::rest_json::instance();
    case 2: return stratus::protocol::query::instance();
    case 3: return stratus::protocol::ec2::instance();
    default: return stratus::protocol::rest_xml::instance();
    }
}

void check(bool ok)
{
    if (!ok) std::abort();
}

} // namespace

// Input: byte 0 picks the engine and whether the service is query-compatible,
// byte 1 the status (success or one of the error statuses); then a header
// value up to the first '\n'; the rest is the body.
extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* bytes, std::size_t size)
{
    if (size < 2) return 0;
    static boost::asio::io_context io;
    static auto ctx = [] {
        auto c = std::make_shared<stratus::client_context>(io.get_executor(), stratus::http::client_config{});
        c->service = stratus::dynamodb::info;
        c->region = "us-east-1";
        return c;
    }();
    ctx->service.query_compatible = (bytes[0] & 0x80) != 0;
    auto const& eng = engine_for(bytes[0] & 0x7f);
    static constexpr unsigned statuses[] = {200, 200, 400, 404, 500, 503, 301, 204};
    std::string_view rest(reinterpret_cast<char const*>(bytes + 2), size - 2);
    auto nl = rest.find('\n');
    std::string_view header = rest.substr(0, nl);
    std::string_view body = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);

    stratus::http::response res;
    res.status = statuses[bytes[1] % 8];
    res.body = std::string(body);
    res.headers.set("x-amzn-ErrorType", std::string(header));
    res.headers.set("x-amzn-query-error", std::string(header));
    res.headers.set("Content-Type", std::string(header));

    auto cc = stratus::detail::make_call_context(*ctx, ddb::ops::query::info);
    ddb::query_output out{};
    auto shape = stratus::protocol::make_output(out);
    eng.inspect(cc, res, shape);
    auto r = stratus::detail::finish_call(cc, eng, res, shape,
                                          stratus::detail::error_table<ddb::all_errors>::get());
    if (!r) {
        auto const& e = r.error();
        // Only the two typed outcomes: the body did not fit, or the service said no.
        check(e.code == stratus::errc::parse_error || e.code == stratus::errc::service_error);
        check(!e.operation.empty());
        if (e.code == stratus::errc::service_error) check(!e.aws_code.empty());
    }
    return 0;
}
