// The EC2 resources (boto3's resource layer, written by stratus-gen from
// resources-1.json) against moto-auth, which checks every signature:
// instances made by create_instances, found by the instances() collection
// (filters, instance ids), their state loaded through DescribeInstances and
// reloaded, the resources they refer to (image, VPC, subnet), waiters,
// terminate (on the resource and as the collection's batch action), and
// loading an instance that does not exist.
//
// What moto does, asserted below (as in ec2_client.cpp): instances are
// "pending" in RunInstances' answer and "running" from the first
// DescribeInstances on; terminated instances are "terminated" at once; a
// missing instance id is InvalidInstanceID.NotFound.
#include "test_support.hpp"

#include <stratus/services/ec2.hpp>

#include <chrono>
#include <set>
#include <string>
#include <vector>

using stratus::ec2;
using namespace stratus::test;
using namespace std::chrono_literals;

namespace {

ec2::service_resource ec2_resource()
{
    return make_session(moto_auth_server()).resource<ec2>();
}

std::string state_name(ec2::resources::instance const& i)
{
    REQUIRE(i.state());
    return i.state()->name.value_or(ec2::instance_state_name{}).str();
}

/// The ids the instances() collection lists for these filters.
std::set<std::string> ids_of(ec2::service_resource const& s, std::vector<ec2::filter> filters)
{
    std::set<std::string> out;
    for (auto const& i : s.instances().filter({.filters = std::move(filters)}))
        out.insert(i.id());
    return out;
}

ec2::filter filter(std::string name, std::vector<std::string> values)
{
    return {.name = std::move(name), .values = std::move(values)};
}

} // namespace

TEST_CASE("ec2 resources: instances from create_instances to terminated, through collections, loads and waiters")
{
    auto const s = ec2_resource();
    // An image moto knows, through the images() collection.
    std::vector<ec2::resources::image> images;
    for (auto const& img : s.images().filter({.owners = std::vector<std::string>{"amazon"}}).limit(1))
        images.push_back(img);
    REQUIRE(images.size() == 1);
    auto const image = images[0].id();
    CHECK(image.starts_with("ami-"));

    auto const name = unique_name("resinstance");
    // Two instances tagged Name=<name>, for the collection's filters to find.
    ec2::tag_specification const named{.resource_type = ec2::resource_type{ec2::resource_type::instance},
                                       .tags = {{.key = "Name", .value = name}}};
    auto const made = s.create_instances({.image_id = image,
                                          .instance_type = ec2::instance_type{ec2::instance_type::t2_micro},
                                          .max_count = 2,
                                          .min_count = 2,
                                          .tag_specifications = std::vector<ec2::tag_specification>{named}});
    REQUIRE(made.size() == 2);
    std::set<std::string> both;
    for (auto const& i : made) {
        CHECK(i.id().starts_with("i-"));
        both.insert(i.id());
        // RunInstances' answer is the data: pending, no DescribeInstances yet.
        REQUIRE(i.meta().data().has_value());
        CHECK(state_name(i) == "pending");
        CHECK(i.image_id() == image);
    }
    REQUIRE(both.size() == 2);
    auto const& first = made[0];

    // The collection, by filters and by instance ids.
    CHECK(ids_of(s, {filter("tag:Name", {name})}) == both);
    CHECK(ids_of(s, {filter("instance-state-name", {"running"}), filter("tag:Name", {name})}) == both);
    CHECK(ids_of(s, {filter("instance-state-name", {"stopped", "terminated"}), filter("tag:Name", {name})}).empty());
    std::set<std::string> by_id;
    for (auto const& i : s.instances().filter({.instance_ids = std::vector<std::string>{first.id()}})) {
        by_id.insert(i.id());
        CHECK(state_name(i) == "running"); // the data DescribeInstances listed
    }
    CHECK(by_id == std::set<std::string>{first.id()});

    // The data made with the resource stays until reload().
    CHECK(state_name(first) == "pending");
    first.reload();
    CHECK(state_name(first) == "running");

    // A resource from the id alone loads on the first attribute.
    auto const fresh = s.instance(first.id());
    CHECK_FALSE(fresh.meta().data().has_value());
    CHECK(state_name(fresh) == "running");
    REQUIRE(fresh.meta().data().has_value());
    CHECK(fresh.instance_type() == ec2::instance_type::t2_micro);

    fresh.wait_until_running({.delay = 10ms, .max_attempts = 3});
    auto const not_yet = thrown<stratus::client_error>(
        [&] { fresh.wait_until_terminated({.delay = 10ms, .max_attempts = 2}); });
    if (not_yet) CHECK(not_yet->info().code == stratus::errc::waiter_failed);

    // The resources the instance refers to, from its data.
    auto const img = fresh.image();
    REQUIRE(img);
    CHECK(img->id() == image);
    CHECK(img->image_id() == image); // DescribeImages
    REQUIRE(fresh.vpc_id());
    auto const vpc = fresh.vpc();
    REQUIRE(vpc);
    CHECK(vpc->id() == *fresh.vpc_id());
    CHECK(vpc->vpc_id() == *fresh.vpc_id()); // DescribeVpcs
    CHECK(vpc->cidr_block().has_value());
    REQUIRE(fresh.subnet_id());
    auto const subnet = fresh.subnet();
    REQUIRE(subnet);
    CHECK(subnet->id() == *fresh.subnet_id());
    CHECK(subnet->vpc_id() == *fresh.vpc_id()); // DescribeSubnets
    // No key pair was given: no KeyName, so no reference.
    CHECK_FALSE(fresh.key_name().has_value());
    CHECK_FALSE(fresh.key_pair().has_value());

    // Terminate one through its resource...
    auto const term = fresh.terminate();
    REQUIRE(term.terminating_instances.size() == 1);
    CHECK(term.terminating_instances[0].instance_id == fresh.id());
    fresh.wait_until_terminated({.delay = 10ms, .max_attempts = 5});
    fresh.reload();
    CHECK(state_name(fresh) == "terminated");
    CHECK(ids_of(s, {filter("instance-state-name", {"running"}), filter("tag:Name", {name})}) ==
          std::set<std::string>{made[1].id()});

    // ...and the other through the collection's batch action.
    auto const batch = s.instances().filter({.instance_ids = std::vector<std::string>{made[1].id()}}).terminate();
    REQUIRE(batch.size() == 1);
    REQUIRE(batch[0].terminating_instances.size() == 1);
    CHECK(batch[0].terminating_instances[0].instance_id == made[1].id());
    made[1].wait_until_terminated({.delay = 10ms, .max_attempts = 5});
    CHECK(ids_of(s, {filter("instance-state-name", {"terminated"}), filter("tag:Name", {name})}) == both);
}

TEST_CASE("ec2 resources: loading an instance that does not exist is EC2's InvalidInstanceID.NotFound")
{
    auto const s = ec2_resource();
    auto const missing = s.instance("i-0123456789abcdef0");
    if (auto e = thrown<stratus::service_error>([&] { (void)missing.state(); })) {
        CHECK(e->aws_code() == "InvalidInstanceID.NotFound");
        CHECK(e->http_status() == 400);
        CHECK(e->info().operation == "DescribeInstances");
    }
    CHECK_FALSE(missing.meta().data().has_value());
    // An empty identifier is refused before any request.
    auto const empty = thrown<stratus::client_error>([&] { (void)s.instance(""); });
    if (empty) {
        CHECK(empty->info().code == stratus::errc::invalid_parameter);
        CHECK_THAT(empty->info().message, Catch::Matchers::Contains("Instance") && Catch::Matchers::Contains("Id"));
    }
}
