// The generated EC2 client (ec2 protocol: query-style requests with EC2's
// own list and name rules, XML responses without a result wrapper, errors as
// <Response><Errors>) against moto-auth, which checks every signature.
//
// What moto 5.2 does, measured with boto3 1.43 against the same server and
// asserted below: instances are "pending" in RunInstances' answer and
// "running" from the first DescribeInstances on; StopInstances answers
// "stopping" and the instance is "stopped" at once; TerminateInstances answers
// "shutting-down" and the instance is "terminated" at once.
#include "test_support.hpp"

#include <stratus/services/ec2.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

using stratus::ec2;
using namespace stratus::test;
using namespace std::chrono_literals;
namespace waiters = stratus::services::ec2::waiters;

namespace {

ec2::client_type client()
{
    return make_session(moto_auth_server()).client<ec2>();
}

/// An image moto knows (it loads a list of Amazon's AMIs).
std::string some_amazon_image(ec2::client_type const& c)
{
    auto const images = c.describe_images({.owners = std::vector<std::string>{"amazon"}});
    REQUIRE_FALSE(images.images.empty());
    REQUIRE(images.images.front().image_id);
    return *images.images.front().image_id;
}

std::vector<ec2::instance> instances_of(ec2::describe_instances_result const& r)
{
    std::vector<ec2::instance> out;
    for (auto const& res : r.reservations)
        out.insert(out.end(), res.instances.begin(), res.instances.end());
    return out;
}

std::set<std::string> ids_of(std::vector<ec2::instance> const& v)
{
    std::set<std::string> out;
    for (auto const& i : v)
        out.insert(i.instance_id.value_or("(no id)"));
    return out;
}

std::map<std::string, std::string> tags_of(std::vector<ec2::tag> const& tags)
{
    std::map<std::string, std::string> out;
    for (auto const& t : tags)
        out[t.key.value_or("(no key)")] = t.value.value_or("(no value)");
    return out;
}

ec2::filter filter(std::string name, std::vector<std::string> values)
{
    return {.name = std::move(name), .values = std::move(values)};
}

/// The instances the filters select.
std::set<std::string> select(ec2::client_type const& c, std::vector<ec2::filter> filters)
{
    return ids_of(instances_of(c.describe_instances({.filters = std::move(filters)})));
}

std::string state_of(ec2::client_type const& c, std::string const& id)
{
    auto const found = instances_of(c.describe_instances({.instance_ids = std::vector<std::string>{id}}));
    REQUIRE(found.size() == 1);
    REQUIRE(found.front().state);
    return found.front().state->name.value_or(ec2::instance_state_name{"(none)"}).str();
}

} // namespace

TEST_CASE("ec2: describe_images finds an image by id and by a filter")
{
    auto const c = client();
    auto const id = some_amazon_image(c);
    auto const by_id = c.describe_images({.image_ids = std::vector<std::string>{id}});
    REQUIRE(by_id.images.size() == 1);
    auto const& img = by_id.images.front();
    CHECK(img.image_id == id);
    CHECK(img.state == ec2::image_state::available);
    REQUIRE(img.name);
    CHECK_FALSE(img.name->empty());
    CHECK(img.public_ == true);

    auto const by_name = c.describe_images({.filters = std::vector<ec2::filter>{filter("name", {*img.name})}});
    std::set<std::string> ids;
    for (auto const& i : by_name.images) {
        CHECK(i.name == *img.name);
        ids.insert(i.image_id.value_or(""));
    }
    CHECK(ids.contains(id));
}

TEST_CASE("ec2: describe_regions lists regions with their endpoints, and filters by name")
{
    auto const c = client();
    auto const all = c.describe_regions();
    CHECK(all.regions.size() > 10);
    auto const east = std::find_if(all.regions.begin(), all.regions.end(),
                                   [](ec2::region const& r) { return r.region_name == "us-east-1"; });
    REQUIRE(east != all.regions.end());
    CHECK(east->endpoint == "ec2.us-east-1.amazonaws.com");
    CHECK(east->opt_in_status == "opt-in-not-required");

    auto const two = c.describe_regions({.region_names = std::vector<std::string>{"eu-west-1", "ap-southeast-2"}});
    std::set<std::string> names;
    for (auto const& r : two.regions)
        names.insert(r.region_name.value_or(""));
    CHECK(names == std::set<std::string>{"eu-west-1", "ap-southeast-2"});
}

TEST_CASE("ec2: instances from run to terminated, with filters, tags, state changes and waiters")
{
    auto const c = client();
    auto const image = some_amazon_image(c);
    auto const name = unique_name("instance");

    auto const run = c.run_instances(
        {.image_id = image,
         .instance_type = ec2::instance_type{ec2::instance_type::t2_micro},
         .max_count = 2,
         .min_count = 2,
         .tag_specifications = std::vector<ec2::tag_specification>{
             {.resource_type = ec2::resource_type{ec2::resource_type::instance},
              .tags = {{.key = "Name", .value = name}}}}});
    CHECK(run.owner_id == std::string(moto_account));
    REQUIRE(run.reservation_id);
    CHECK(run.reservation_id->starts_with("r-"));
    REQUIRE(run.instances.size() == 2);
    std::vector<std::string> ids;
    for (auto const& i : run.instances) {
        REQUIRE(i.instance_id);
        CHECK(i.instance_id->starts_with("i-"));
        ids.push_back(*i.instance_id);
        CHECK(i.image_id == image);
        CHECK(i.instance_type == ec2::instance_type::t2_micro);
        REQUIRE(i.state);
        CHECK(i.state->name == ec2::instance_state_name::pending);
        CHECK(i.state->code == 0);
        CHECK(tags_of(i.tags) == std::map<std::string, std::string>{{"Name", name}});
    }
    std::set<std::string> const both(ids.begin(), ids.end());
    REQUIRE(both.size() == 2);

    // Already running; the waiter's first DescribeInstances says so.
    c.get_waiter<waiters::instance_running>().wait({.instance_ids = ids}, {.delay = 10ms, .max_attempts = 3});

    // Filters: by state and by the Name tag, together and apart.
    CHECK(select(c, {filter("tag:Name", {name})}) == both);
    CHECK(select(c, {filter("instance-state-name", {"running"}), filter("tag:Name", {name})}) == both);
    CHECK(select(c, {filter("instance-state-name", {"stopped"}), filter("tag:Name", {name})}).empty());
    CHECK(select(c, {filter("tag:Name", {name + "-other"})}).empty());

    // Tags added to one instance show on it and select it.
    c.create_tags({.resources = {ids[0]}, .tags = {{.key = "env", .value = "test"}, {.key = "team", .value = "a b&c"}}});
    auto const tagged = instances_of(c.describe_instances({.instance_ids = std::vector<std::string>{ids[0]}}));
    REQUIRE(tagged.size() == 1);
    CHECK(tags_of(tagged[0].tags) ==
          std::map<std::string, std::string>{{"Name", name}, {"env", "test"}, {"team", "a b&c"}});
    CHECK(select(c, {filter("tag:env", {"test"}), filter("tag:Name", {name})}) == std::set<std::string>{ids[0]});
    CHECK(select(c, {filter("tag-key", {"team"}), filter("tag:Name", {name})}) == std::set<std::string>{ids[0]});

    // Stop one: running -> stopping in the answer, stopped afterwards.
    auto const stopped = c.stop_instances({.instance_ids = {ids[0]}});
    REQUIRE(stopped.stopping_instances.size() == 1);
    auto const& change = stopped.stopping_instances[0];
    CHECK(change.instance_id == ids[0]);
    REQUIRE(change.previous_state);
    REQUIRE(change.current_state);
    CHECK(change.previous_state->name == ec2::instance_state_name::running);
    CHECK(change.previous_state->code == 16);
    CHECK(change.current_state->name == ec2::instance_state_name::stopping);
    CHECK(change.current_state->code == 64);
    c.get_waiter<waiters::instance_stopped>().wait({.instance_ids = std::vector<std::string>{ids[0]}},
                                                    {.delay = 10ms, .max_attempts = 3});
    CHECK(state_of(c, ids[0]) == "stopped");
    CHECK(state_of(c, ids[1]) == "running");
    CHECK(select(c, {filter("instance-state-name", {"stopped"}), filter("tag:Name", {name})}) ==
          std::set<std::string>{ids[0]});
    CHECK(select(c, {filter("instance-state-name", {"running", "stopped"}), filter("tag:Name", {name})}) == both);

    // A waiter that does not get its state runs out of attempts.
    auto const not_yet = c.get_waiter<waiters::instance_terminated>().try_wait(
        {.instance_ids = std::vector<std::string>{ids[1]}}, {.delay = 10ms, .max_attempts = 2});
    REQUIRE_FALSE(not_yet.has_value());
    CHECK(not_yet.error().code == stratus::errc::waiter_failed);
    CHECK_THAT(not_yet.error().message, Catch::Matchers::Contains("InstanceTerminated") &&
                                            Catch::Matchers::Contains("Max attempts exceeded"));

    // Terminate both: each answer says where it came from.
    auto const term = c.terminate_instances({.instance_ids = ids});
    REQUIRE(term.terminating_instances.size() == 2);
    std::map<std::string, std::string> previous;
    for (auto const& t : term.terminating_instances) {
        REQUIRE(t.current_state);
        CHECK(t.current_state->name == ec2::instance_state_name::shutting_down);
        CHECK(t.current_state->code == 32);
        REQUIRE(t.previous_state);
        previous[t.instance_id.value_or("")] = t.previous_state->name.value_or(ec2::instance_state_name{}).str();
    }
    CHECK(previous == std::map<std::string, std::string>{{ids[0], "stopped"}, {ids[1], "running"}});

    c.get_waiter<waiters::instance_terminated>().wait({.instance_ids = ids}, {.delay = 10ms, .max_attempts = 5});
    CHECK(state_of(c, ids[0]) == "terminated");
    CHECK(state_of(c, ids[1]) == "terminated");

    // InstanceStopped treats "terminated" as a terminal failure.
    auto const never = c.get_waiter<waiters::instance_stopped>().try_wait(
        {.instance_ids = ids}, {.delay = 10ms, .max_attempts = 5});
    REQUIRE_FALSE(never.has_value());
    CHECK(never.error().code == stratus::errc::waiter_failed);
    CHECK_THAT(never.error().message, Catch::Matchers::Contains("terminal failure state") &&
                                          Catch::Matchers::Contains("terminated"));
}

TEST_CASE("ec2: security groups: create, authorize ingress from IP ranges, describe, delete")
{
    auto const c = client();
    auto const name = unique_name("sg");
    auto const created = c.create_security_group({.description = "stratus test group", .group_name = name});
    REQUIRE(created.group_id);
    auto const& id = *created.group_id;
    CHECK(id.starts_with("sg-"));
    CHECK(created.security_group_arn ==
          "arn:aws:ec2:us-east-1:" + std::string(moto_account) + ":security-group/" + id);

    auto const auth = c.authorize_security_group_ingress(
        {.group_id = id,
         .ip_permissions = std::vector<ec2::ip_permission>{
             {.ip_protocol = "tcp",
              .from_port = 22,
              .to_port = 22,
              .ip_ranges = {{.description = "ssh from the lab", .cidr_ip = "10.0.0.0/8"},
                            {.cidr_ip = "192.168.1.0/24"}}},
             {.ip_protocol = "udp", .from_port = 53, .to_port = 53, .ip_ranges = {{.cidr_ip = "0.0.0.0/0"}}}}});
    CHECK(auth.return_ == true);
    std::set<std::string> rules;
    for (auto const& r : auth.security_group_rules) {
        CHECK(r.group_id == id);
        CHECK(r.is_egress == false);
        rules.insert(r.ip_protocol.value_or("") + " " + std::to_string(r.from_port.value_or(-1)) + "-" +
                     std::to_string(r.to_port.value_or(-1)) + " " + r.cidr_ipv4.value_or(""));
    }
    // moto reports the rules of the last IpPermission only (boto3 gets the
    // same); DescribeSecurityGroups below shows all three were added.
    CHECK(rules == std::set<std::string>{"udp 53-53 0.0.0.0/0"});

    auto const described = c.describe_security_groups({.group_ids = std::vector<std::string>{id}});
    REQUIRE(described.security_groups.size() == 1);
    auto const& g = described.security_groups[0];
    CHECK(g.group_name == name);
    CHECK(g.description == "stratus test group");
    CHECK(g.owner_id == std::string(moto_account));
    std::map<std::string, std::string> ranges; // "proto port" + cidr -> description
    for (auto const& p : g.ip_permissions)
        for (auto const& r : p.ip_ranges)
            ranges[p.ip_protocol.value_or("") + " " + std::to_string(p.from_port.value_or(-1)) + " " +
                   r.cidr_ip.value_or("")] = r.description.value_or("(none)");
    CHECK(ranges == std::map<std::string, std::string>{{"tcp 22 10.0.0.0/8", "ssh from the lab"},
                                                       {"tcp 22 192.168.1.0/24", "(none)"},
                                                       {"udp 53 0.0.0.0/0", "(none)"}});
    // The default egress rule: everything to everywhere.
    REQUIRE(g.ip_permissions_egress.size() == 1);
    CHECK(g.ip_permissions_egress[0].ip_protocol == "-1");
    REQUIRE(g.ip_permissions_egress[0].ip_ranges.size() == 1);
    CHECK(g.ip_permissions_egress[0].ip_ranges[0].cidr_ip == "0.0.0.0/0");

    auto const by_name =
        c.describe_security_groups({.filters = std::vector<ec2::filter>{filter("group-name", {name})}});
    REQUIRE(by_name.security_groups.size() == 1);
    CHECK(by_name.security_groups[0].group_id == id);

    c.delete_security_group({.group_id = id});
    auto const gone = c.try_describe_security_groups({.group_ids = std::vector<std::string>{id}});
    REQUIRE_FALSE(gone.has_value());
    CHECK(gone.error().aws_code == "InvalidGroup.NotFound");
    CHECK(gone.error().http_status == 400);
    CHECK_THAT(gone.error().message, Catch::Matchers::Contains(id));
}

TEST_CASE("ec2: errors carry EC2's code, message and request id")
{
    auto const c = client();

    SECTION("an instance that does not exist")
    {
        try {
            c.describe_instances({.instance_ids = std::vector<std::string>{"i-0123456789abcdef0"}});
            FAIL("DescribeInstances of a missing instance succeeded");
        } catch (stratus::service_error const& e) {
            CHECK(e.aws_code() == "InvalidInstanceID.NotFound");
            CHECK(e.http_status() == 400);
            CHECK_THAT(e.info().message,
                       Catch::Matchers::Contains("The instance ID 'i-0123456789abcdef0' does not exist"));
            // stratus takes the x-amzn-RequestId header; the document's
            // RequestID, which botocore reports for EC2, is moto's constant "request-id".
            CHECK(e.request_id().size() > 10);
        }
    }
    SECTION("a security group that does not exist")
    {
        auto const r = c.try_delete_security_group({.group_id = "sg-0123456789abcdef0"});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().aws_code == "InvalidGroup.NotFound");
        CHECK(r.error().http_status == 400);
        CHECK_THAT(r.error().message,
                   Catch::Matchers::Contains("The security group 'sg-0123456789abcdef0' does not exist"));
        CHECK(r.error().request_id.size() > 10);
    }
    SECTION("a wrong secret")
    {
        auto const bad = make_session(moto_auth_server(), {.secret = "not-the-secret"}).client<ec2>();
        auto const r = bad.try_describe_regions();
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().aws_code == "AuthFailure");
        CHECK(r.error().http_status == 401);
    }
}
