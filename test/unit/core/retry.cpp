#include <stratus/core/retry.hpp>

#include <boost/asio/error.hpp>
#include <catch2/catch.hpp>

using namespace stratus;
using namespace std::chrono_literals;

namespace {

attempt_outcome status(unsigned s, std::string_view code = {})
{
    attempt_outcome o;
    o.http_status = s;
    o.aws_code = code;
    return o;
}

attempt_outcome transport(error_code ec)
{
    attempt_outcome o;
    o.transport = ec;
    return o;
}

} // namespace

TEST_CASE("retry: what botocore's standard mode retries")
{
    CHECK(is_retryable(status(500)));
    CHECK(is_retryable(status(502)));
    CHECK(is_retryable(status(503)));
    CHECK(is_retryable(status(504)));
    CHECK(is_retryable(status(400, "RequestTimeout")));
    CHECK(is_retryable(status(400, "RequestTimeoutException")));
    CHECK(is_retryable(status(400, "Throttling")));
    CHECK(is_retryable(status(400, "ThrottlingException")));
    CHECK(is_retryable(status(503, "SlowDown")));
    CHECK(is_retryable(status(400, "ProvisionedThroughputExceededException")));
    CHECK(is_retryable(status(503, "RequestLimitExceeded")));
    CHECK(is_retryable(transport(boost::asio::error::connection_refused)));
    CHECK(is_retryable(transport(boost::asio::error::connection_reset)));
    CHECK(is_retryable(transport(errc::read_timeout)));
    CHECK(is_retryable(transport(errc::connection_closed)));

    CHECK_FALSE(is_retryable(status(400, "ValidationException")));
    CHECK_FALSE(is_retryable(status(403, "SignatureDoesNotMatch")));
    CHECK_FALSE(is_retryable(status(404, "NoSuchKey")));
    CHECK_FALSE(is_retryable(status(501)));
    // Client-side failures never reach the wire; retrying cannot help.
    CHECK_FALSE(is_retryable(transport(errc::no_credentials)));
    CHECK_FALSE(is_retryable(transport(errc::body_not_replayable)));
}

TEST_CASE("retry: standard mode stops after 3 attempts, delays are capped full jitter")
{
    retry_quota quota;
    retry_state r({.mode = retry_mode::standard}, &quota, [] { return 1.0; }); // worst-case jitter
    auto d1 = r.next_delay(status(503));
    REQUIRE(d1);
    CHECK(*d1 == 1000ms); // rand * 2^0 s
    auto d2 = r.next_delay(status(503));
    REQUIRE(d2);
    CHECK(*d2 == 2000ms); // rand * 2^1 s
    std::string why;
    CHECK_FALSE(r.next_delay(status(503), &why));
    CHECK(why == "max attempts reached");
    CHECK(r.attempts() == 3);
}

TEST_CASE("retry: backoff is capped at 20 s")
{
    retry_state r({.mode = retry_mode::standard, .max_attempts = 10}, nullptr, [] { return 1.0; });
    std::chrono::milliseconds last{};
    for (int i = 0; i < 9; ++i) {
        auto d = r.next_delay(status(500));
        REQUIRE(d);
        last = *d;
        CHECK(*d <= 20000ms);
    }
    CHECK(last == 20000ms);
}

TEST_CASE("retry: jitter scales the delay")
{
    retry_state r({}, nullptr, [] { return 0.25; });
    CHECK(r.next_delay(status(500)) == std::optional(250ms));
    CHECK(r.next_delay(status(500)) == std::optional(500ms));
}

TEST_CASE("retry: non-retryable errors are not retried")
{
    retry_state r({}, nullptr);
    std::string why;
    CHECK_FALSE(r.next_delay(status(404, "NoSuchKey"), &why));
    CHECK(why == "not retryable");
}

TEST_CASE("retry: the quota charges 5 per retry, 10 per timeout, and refunds on success")
{
    retry_quota quota;
    {
        retry_state r({}, &quota, [] { return 0.0; });
        REQUIRE(r.next_delay(status(500)));
        CHECK(quota.available() == 495);
        r.on_success();
        CHECK(quota.available() == 500);
    }
    {
        retry_state r({}, &quota, [] { return 0.0; });
        REQUIRE(r.next_delay(transport(errc::read_timeout)));
        CHECK(quota.available() == 490);
    }
    {
        // A first-attempt success adds 1, never above the capacity.
        retry_state r({}, &quota);
        r.on_success();
        CHECK(quota.available() == 491);
    }
}

TEST_CASE("retry: an empty quota stops retries")
{
    retry_quota quota;
    while (quota.acquire(retry_quota::retry_cost)) {
    }
    CHECK(quota.available() == 0);
    retry_state r({}, &quota, [] { return 0.0; });
    std::string why;
    CHECK_FALSE(r.next_delay(status(503), &why));
    CHECK(why == "retry quota exceeded");
}

TEST_CASE("retry: legacy mode makes 5 attempts and takes no quota")
{
    retry_quota quota;
    retry_state r({.mode = retry_mode::legacy}, &quota, [] { return 1.0; });
    for (int i = 0; i < 4; ++i) REQUIRE(r.next_delay(status(500)));
    CHECK_FALSE(r.next_delay(status(500)));
    CHECK(quota.available() == 500);
}

TEST_CASE("retry: max_attempts and retry_mode parsing names the source")
{
    CHECK(parse_retry_mode("standard", "AWS_RETRY_MODE").value() == retry_mode::standard);
    CHECK(parse_retry_mode("legacy", "AWS_RETRY_MODE").value() == retry_mode::legacy);
    auto bad = parse_retry_mode("fast", "AWS_RETRY_MODE");
    REQUIRE(bad.has_error());
    CHECK(bad.error().code == errc::invalid_config);
    CHECK_THAT(bad.error().message, Catch::Contains("AWS_RETRY_MODE") && Catch::Contains("'fast'"));
    auto adaptive = parse_retry_mode("adaptive", "profile 'x'");
    REQUIRE(adaptive.has_error());
    CHECK_THAT(adaptive.error().message, Catch::Contains("not supported"));

    CHECK(parse_max_attempts("7", "AWS_MAX_ATTEMPTS").value() == 7);
    for (auto text : {"0", "-1", "3x", "", "ten"}) {
        auto r = parse_max_attempts(text, "AWS_MAX_ATTEMPTS");
        REQUIRE(r.has_error());
        CHECK(r.error().code == errc::invalid_config);
        CHECK_THAT(r.error().message, Catch::Contains("AWS_MAX_ATTEMPTS"));
    }
}
