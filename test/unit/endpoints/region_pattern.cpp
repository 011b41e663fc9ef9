// The partition-region matcher (endpoints/detail/region_pattern.hpp) against
// std::regex, the ECMAScript engine whose subset it implements: every
// pattern of both partitions.json files and a few that use the rest of the
// subset, on seeded random regions (a third prefixed with real partition
// prefixes, so matches happen). And what the subset refuses.
#include <stratus/endpoints/detail/region_pattern.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <string>

using namespace stratus::endpoints::detail;

// Compile-time use: the matcher is constexpr.
static_assert(region_matches("^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$", "us-west-2"));
static_assert(!region_matches("^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$", "cn-north-1"));

TEST_CASE("region_pattern: agrees with std::regex on the subset")
{
    char const* patterns[] = {
        "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$",
        "^cn\\-\\w+\\-\\d+$",
        "^eusc\\-(de)\\-\\w+\\-\\d+$",
        "^us\\-iso\\-\\w+\\-\\d+$",
        "^us\\-isob\\-\\w+\\-\\d+$",
        "^eu\\-isoe\\-\\w+\\-\\d+$",
        "^us\\-isof\\-\\w+\\-\\d+$",
        "^us\\-gov\\-\\w+\\-\\d+$",
        "a[b-d]*e?$",
        "^[^-]+-[0-9]?$",
        "(x|y(z|w))q.s",
        "\\d\\d",
    };
    std::mt19937 rng(20261122);
    std::string const alphabet = "usegovisobfcnde-_1239xyzwqa.";
    char const* prefixes[] = {"us-", "us-gov-", "cn-", "eusc-de-", "us-iso-", "eu-isoe-"};
    std::size_t matched = 0, checked = 0;
    for (auto const* p : patterns) {
        REQUIRE(pattern_supported(p));
        std::regex re(p);
        for (int i = 0; i < 5000; ++i) {
            std::string t = i % 3 == 0 ? prefixes[rng() % std::size(prefixes)] : "";
            for (int n = rng() % 14; n > 0; --n) t += alphabet[rng() % alphabet.size()];
            bool want = std::regex_search(t, re);
            INFO("pattern " << p << ", text '" << t << "'");
            CHECK(region_matches(p, t) == want);
            matched += want;
            ++checked;
        }
    }
    CHECK(matched > checked / 100); // the inputs reach the matching branches (825 of 60,000 when written)
}

TEST_CASE("region_pattern: constructs outside the subset are refused")
{
    CHECK_FALSE(pattern_supported("^(a)+$"));  // quantified group
    CHECK_FALSE(pattern_supported("a{2}"));    // counted repetition
    CHECK_FALSE(pattern_supported("\\bx"));    // word boundary
    CHECK_FALSE(pattern_supported("\\D"));     // negated class escapes
    CHECK_FALSE(pattern_supported("a*?"));     // lazy quantifier
    CHECK_FALSE(pattern_supported("(a"));      // unbalanced
    CHECK_FALSE(pattern_supported("a)"));
    CHECK_FALSE(pattern_supported("+a"));      // nothing to repeat
    CHECK_FALSE(pattern_supported("a^b"));     // anchors inside
    CHECK(pattern_supported("^[a-z]+\\.(x|y)?$") == false); // '?' after a group
    CHECK(pattern_supported("^[a-z]+\\.(x|y)$"));
}
