#include <stratus/logging.hpp>

#include <catch2/catch.hpp>

#include <vector>

using namespace stratus;

TEST_CASE("logging: off by default, levels filter")
{
    std::vector<std::string> seen;
    logger off;
    off.log(log_level::error, "x");
    CHECK_FALSE(off.enabled(log_level::error));

    logger l{log_level::info, [&](log_level, std::string_view m) { seen.emplace_back(m); }};
    l.log(log_level::debug, "hidden");
    l.log(log_level::info, "shown");
    l.log(log_level::error, "also shown");
    CHECK(seen == std::vector<std::string>{"shown", "also shown"});
}

TEST_CASE("logging: wire logs never carry signatures, tokens or SSE-C keys")
{
    http::request req;
    req.method = "PUT";
    req.url = http::parse_url("https://bucket.s3.amazonaws.com/key").value();
    req.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, "
                                     "SignedHeaders=host;x-amz-date, Signature=deadbeefcafe");
    req.headers.add("X-Amz-Security-Token", "SECRETTOKEN");
    req.headers.add("x-amz-server-side-encryption-customer-key", "c2VjcmV0a2V5");
    req.headers.add("X-Amz-Date", "20150830T123600Z");
    auto const text = describe_request(req);
    CHECK_THAT(text, Catch::Contains("Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request"));
    CHECK_THAT(text, Catch::Contains("Signature=***"));
    CHECK_THAT(text, Catch::Contains("X-Amz-Date: 20150830T123600Z"));
    CHECK_THAT(text, !Catch::Contains("deadbeefcafe"));
    CHECK_THAT(text, !Catch::Contains("SECRETTOKEN"));
    CHECK_THAT(text, !Catch::Contains("c2VjcmV0a2V5"));

    req.url.query = "X-Amz-Credential=AKID&X-Amz-Signature=abc123&X-Amz-Security-Token=tok";
    auto const presigned = describe_request(req);
    CHECK_THAT(presigned, !Catch::Contains("abc123"));
    CHECK_THAT(presigned, !Catch::Contains("tok"));
}
