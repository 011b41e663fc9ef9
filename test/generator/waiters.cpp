// Waiter matchers: the JMESPath parser (jmespath.py's grammar and binding
// powers) and what the emitter makes of ECS's DescribeServices with
// acceptors written for the test: typed calls when the expression fits the
// shapes, "no waiter (reason)" when it does not.
#include "emitter.hpp"
#include "jmespath.hpp"
#include "service_model.hpp"

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>

using namespace stratus_gen;
namespace json = boost::json;
namespace jp = stratus_gen::jmespath;

namespace {

// The tree as text: field names, @, literals as JSON, the rest as calls.
std::string show(jp::node const& n)
{
    using t = jp::node::type;
    auto args = [&] {
        std::string r;
        for (std::size_t i = 0; i < n.children.size(); ++i) r += (i ? ", " : "") + show(n.children[i]);
        return r;
    };
    switch (n.t) {
    case t::current: return "@";
    case t::field: return n.name;
    case t::literal: return json::serialize(n.value);
    case t::subexpression: return "sub(" + args() + ")";
    case t::index: return "index(" + args() + ", " + std::to_string(n.index) + ")";
    case t::flatten: return "flatten(" + args() + ")";
    case t::projection: return "project(" + args() + ")";
    case t::value_projection: return "values(" + args() + ")";
    case t::filter_projection: return "filter(" + args() + ")";
    case t::comparator: return "cmp" + n.name + "(" + args() + ")";
    case t::or_: return "or(" + args() + ")";
    case t::and_: return "and(" + args() + ")";
    case t::not_: return "not(" + args() + ")";
    case t::pipe: return "pipe(" + args() + ")";
    case t::function: return n.name + "(" + args() + ")";
    }
    return "?";
}

std::string parse_error(std::string_view expr)
{
    try {
        jp::parse(expr);
    } catch (gen_error const& e) {
        return e.what();
    }
    return "(parsed)";
}

} // namespace

TEST_CASE("JMESPath parses with jmespath.py's binding powers", "[generator][waiters]")
{
    CHECK(show(jp::parse("a.b")) == "sub(a, b)");
    // A flatten ends the projection on its left and projects the result.
    CHECK(show(jp::parse("a[].b[].c")) == "project(flatten(project(flatten(a), b)), c)");
    // [*] nests instead.
    CHECK(show(jp::parse("a[*].b[*].c")) == "project(a, project(b, c))");
    CHECK(show(jp::parse("a.*.b")) == "values(a, b)");
    CHECK(show(jp::parse("a[-1].b")) == "sub(index(a, -1), b)");
    CHECK(show(jp::parse("a[?b == 'x'].c")) == "filter(a, c, cmp==(b, \"x\"))");
    CHECK(show(jp::parse("a[?b != c]")) == "filter(a, @, cmp!=(b, c))");
    // ! binds tighter than comparisons, comparisons than &&, && than ||.
    CHECK(show(jp::parse("!a == b && c || d")) == "or(and(cmp==(not(a), b), c), d)");
    CHECK(show(jp::parse("!(a && b)")) == "not(and(a, b))");
    CHECK(show(jp::parse("length(a[]) >= `0`")) == "cmp>=(length(project(flatten(a), @)), 0)");
    CHECK(show(jp::parse("contains(a, `\"x\"`) || `[1, true]`")) == "or(contains(a, \"x\"), [1,true])");
    CHECK(show(jp::parse("a | b")) == "pipe(a, b)");
    CHECK(show(jp::parse("\"quoted name\".b")) == "sub(quoted name, b)");
    CHECK(show(jp::parse("'it\\'s'")) == "\"it's\"");
    // Comparisons bind tighter than the projection they follow ends.
    CHECK(show(jp::parse("a[].b == `1`")) == "cmp==(project(flatten(a), b), 1)");
}

TEST_CASE("JMESPath outside the parsed subset fails with its position", "[generator][waiters]")
{
    CHECK(parse_error("a[0:1]") == "JMESPath \"a[0:1]\" at 3: slices are outside the subset stratus-gen compiles");
    CHECK(parse_error("a.[b, c]").find("multi-select") != std::string::npos);
    CHECK(parse_error("{a: b}").find("multi-select hashes") != std::string::npos);
    CHECK(parse_error("sort_by(a, &b)").find("expression references") != std::string::npos);
    CHECK(parse_error("a == 'x") == "JMESPath \"a == 'x\" at 5: unterminated '");
    CHECK(parse_error("`{bad`").find("is not JSON") != std::string::npos);
    CHECK(parse_error("a b") == "JMESPath \"a b\" at 2: unexpected \"b\"");
    CHECK(parse_error("a = b").find("\"=\" (comparison is \"==\")") != std::string::npos);
    CHECK(parse_error("(a").find("expected \")\"") != std::string::npos);
}

namespace {

fs::path const service_models = STRATUS_GEN_SERVICE_MODELS;

// ECS with one waiter on DescribeServices whose only acceptor is `argument` (path, expected true).
std::string generate_with(std::string const& argument, std::string const& matcher = "path")
{
    auto m = load_service(service_models, "ecs");
    json::object acceptor{{"matcher", matcher}, {"argument", argument}, {"expected", true}, {"state", "success"}};
    json::object w{{"operation", "DescribeServices"}, {"delay", 1}, {"maxAttempts", 2},
                   {"acceptors", json::array{acceptor}}};
    m.waiters = json::object{{"Probe", w}};
    return generate_header(m, "service-models").text;
}

bool generated(std::string const& text)
{
    bool ok = text.find("struct probe {") != std::string::npos;
    if (!ok) UNSCOPED_INFO(text.substr(text.find("// Probe:")).substr(0, 300));
    return ok;
}

std::string reason(std::string const& text)
{
    auto at = text.find("// Probe: no waiter (");
    if (at == std::string::npos) return "(generated)";
    auto begin = at + 21;
    return text.substr(begin, text.find('\n', begin) - begin - 1);
}

} // namespace

TEST_CASE("waiter matchers compile to typed paging calls", "[generator][waiters]")
{
    auto t = generate_with("length(services[?!(length(deployments) == `1` && runningCount == desiredCount)]) == `0`");
    REQUIRE(generated(t));
    CHECK(t.find("return pg::path_matches(pg::equal(pg::length(pg::filter(pg::path(&out, [](auto& x) { return "
                 "pg::get(x.services); }),") != std::string::npos);
    CHECK(t.find("[](auto const& e0) { return pg::not_(pg::and_(pg::equal(pg::length(pg::path(e0, [](auto& x) { "
                 "return pg::get(x.deployments); })), pg::scalar::number(1)), pg::equal(pg::path(e0, [](auto& x) { "
                 "return pg::get(x.running_count); }), pg::path(e0, [](auto& x) { return pg::get(x.desired_count); "
                 "})))); },") != std::string::npos);
    CHECK(t.find("pg::scalar::boolean(true));") != std::string::npos);
    CHECK(t.find("using all = ::stratus::type_list<probe>;") != std::string::npos);

    // Nested projections name their elements apart.
    t = generate_with("services[].deployments[].status", "pathAll");
    REQUIRE(generated(t));
    CHECK(t.find("return pg::path_all_match(pg::project(pg::flatten(pg::project(pg::flatten(pg::path(&out, [](auto& x) "
                 "{ return pg::get(x.services); })), [](auto const& e0) { return pg::path(e0, [](auto& x) { return "
                 "pg::get(x.deployments); }); })), [](auto const& e0) { return pg::path(e0, [](auto& x) { return "
                 "pg::get(x.status); }); }),") != std::string::npos);
    t = generate_with("services[*].deployments[*].status", "pathAny");
    REQUIRE(generated(t));
    CHECK(t.find("[](auto const& e0) { return pg::project(pg::path(e0, [](auto& x) { return pg::get(x.deployments); "
                 "}), [](auto const& e1) { return pg::path(e1, [](auto& x) { return pg::get(x.status); }); }); }") !=
          std::string::npos);

    for (auto const* ok : {"services[0].status == 'ACTIVE'", "failures[-1].reason != `null`",
                           "contains(services[].status, 'DRAINING')", "services[?status == 'ACTIVE'] | length(@) < `2`",
                           "length(services[0].serviceName) > `3`", "services[0].status || failures[0].reason",
                           "services[0].runningCount || `0`", "`true`", "services[0].tags[?key == 'a'].value"})
        CHECK(generated(generate_with(ok)));
}

TEST_CASE("a waiter whose expression does not fit its shapes is not generated, with the reason", "[generator][waiters]")
{
    CHECK(reason(generate_with("services[].nope")) == "\"services[].nope\": \"nope\" is not a member of Service");
    CHECK(reason(generate_with("length(services[0].runningCount) > `0`")) ==
          "\"length(services[0].runningCount) > `0`\": length() of Integer (integer), not a string, list or map");
    CHECK(reason(generate_with("services.*")) ==
          "\"services.*\": .* of Services (list): only maps are projected by value");
    CHECK(reason(generate_with("services[0].*")) ==
          "\"services[0].*\": .* of Service (structure): only maps are projected by value");
    CHECK(reason(generate_with("services[0].status[0]")) ==
          "\"services[0].status[0]\": [0] of String (string), not a list");
    CHECK(reason(generate_with("services == failures")) ==
          "\"services == failures\": == of Services (list) and Failures (list): comparing two lists or objects is "
          "outside the compiled subset");
    CHECK(reason(generate_with("services || failures")) ==
          "\"services || failures\": the operands of || differ in type (Services (list) and Failures (list))");
    CHECK(reason(generate_with("services.status")) == "\"services.status\": \"status\" of Services (list), not a structure");
    CHECK(reason(generate_with("contains(services[0].runningCount, `1`)")) ==
          "\"contains(services[0].runningCount, `1`)\": contains() of Integer (integer), not a list or string");
    CHECK(reason(generate_with("max(services[].runningCount)")) ==
          "\"max(services[].runningCount)\": max() with 1 arguments is outside the compiled subset");
    CHECK(reason(generate_with("services[0:2]")).find("slices are outside") != std::string::npos);
    CHECK(reason(generate_with("`[1]` == services")).find("JSON lists and objects are outside") != std::string::npos);
}
