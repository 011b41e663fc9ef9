// The IAM resources (boto3's resource layer, written by stratus-gen from
// resources-1.json) against moto-auth, which checks every signature: users
// and roles made by the service resource, their attributes loaded through
// GetUser/GetRole, access key pairs and the access_keys() collection, the
// users() and roles() collections, deletes, and a deleted user's load as
// IAM's modeled NoSuchEntity.
//
// Each test case puts what it makes under a path of its own ("/<unique>/"),
// so the collections filtered by that path prefix list exactly it.
#include "test_support.hpp"

#include <stratus/detail/uri_encode.hpp>
#include <stratus/services/iam.hpp>

#include <boost/json/parse.hpp>

#include <map>
#include <set>
#include <string>

using stratus::iam;
using namespace stratus::test;

namespace {

iam::service_resource iam_resource()
{
    return make_session(moto_auth_server()).resource<iam>();
}

std::string arn_of(std::string_view kind, std::string const& path, std::string const& name)
{
    return "arn:aws:iam::" + std::string(moto_account) + ":" + std::string(kind) + path + name;
}

std::set<std::string> user_names(iam::service_resource const& s, std::string const& path)
{
    std::set<std::string> out;
    for (auto const& u : s.users().filter({.path_prefix = path}))
        out.insert(u.name());
    return out;
}

std::set<std::string> role_names(iam::service_resource const& s, std::string const& path)
{
    std::set<std::string> out;
    for (auto const& r : s.roles().filter({.path_prefix = path}))
        out.insert(r.name());
    return out;
}

/// The user's access keys as the collection lists them: id -> status.
std::map<std::string, std::string> access_keys_of(iam::resources::user const& u)
{
    std::map<std::string, std::string> out;
    for (auto const& k : u.access_keys()) {
        CHECK(k.user_name() == u.name());
        out[k.id()] = k.status().value_or(iam::status_type{}).str(); // ListAccessKeys' data
    }
    return out;
}

} // namespace

TEST_CASE("iam resources: a user, its attributes by load, access key pairs, the users collection, delete")
{
    auto const s = iam_resource();
    auto const name = unique_name("resuser");
    auto const path = "/" + name + "/";

    auto const u = s.create_user({.path = path, .user_name = name});
    CHECK(u.name() == name);
    // CreateUser's answer is the user's data: no GetUser needed.
    REQUIRE(u.meta().data().has_value());
    CHECK(u.arn() == arn_of("user", path, name));

    // A resource from the name alone loads on the first attribute (GetUser).
    auto const fresh = s.user(name);
    CHECK_FALSE(fresh.meta().data().has_value());
    CHECK(fresh.arn() == arn_of("user", path, name));
    REQUIRE(fresh.meta().data().has_value());
    CHECK(fresh.user_id() == u.user_id());
    CHECK(fresh.path() == path);

    CHECK(user_names(s, path) == std::set<std::string>{name});

    // An access key pair: the secret is an identifier, as in boto3.
    auto const kp = u.create_access_key_pair();
    CHECK(kp.user_name() == name);
    CHECK(kp.id().starts_with("AKIA"));
    CHECK(kp.secret().size() >= 20);
    CHECK(kp.access_key_id() == kp.id());
    CHECK(kp.secret_access_key() == kp.secret());
    CHECK(kp.status().value_or(iam::status_type{}).str() == "Active");
    CHECK(access_keys_of(u) == std::map<std::string, std::string>{{kp.id(), "Active"}});

    kp.deactivate();
    CHECK(access_keys_of(u) == std::map<std::string, std::string>{{kp.id(), "Inactive"}});
    // The key as the collection makes it, deleted through that resource.
    for (auto const& k : u.access_keys())
        k.delete_();
    CHECK(access_keys_of(u).empty());

    u.delete_();
    CHECK(user_names(s, path).empty());
    // The data loaded before stays until reload(), which finds no user.
    CHECK(fresh.arn() == arn_of("user", path, name));
    if (auto e = thrown<iam::no_such_entity_exception>([&] { fresh.reload(); })) {
        CHECK(e->aws_code() == "NoSuchEntity");
        CHECK(e->info().operation == "GetUser");
    }
    auto const never = s.user(unique_name("never-created"));
    thrown<iam::no_such_entity_exception>([&] { (void)never.user_id(); });
}

TEST_CASE("iam resources: a role with its assume-role policy, loaded, listed by path, deleted")
{
    auto const s = iam_resource();
    auto const name = unique_name("resrole");
    auto const path = "/" + name + "/";
    std::string const trust =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
        R"("Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

    auto const r = s.create_role({.path = path,
                                  .role_name = name,
                                  .assume_role_policy_document = trust,
                                  .description = "a role made <&> through the resource"});
    CHECK(r.name() == name);
    CHECK(r.arn() == arn_of("role", path, name));

    auto const fresh = s.role(name);
    CHECK_FALSE(fresh.meta().data().has_value());
    CHECK(fresh.description() == "a role made <&> through the resource"); // GetRole
    REQUIRE(fresh.meta().data().has_value());
    CHECK(fresh.arn() == arn_of("role", path, name));
    CHECK(fresh.role_id() == r.role_id());
    REQUIRE(fresh.assume_role_policy_document());
    // URL-encoded, as AWS sends it (botocore's json_decode_policies handler
    // decodes it for boto3; stratus hands the text over as it came).
    auto const doc = boost::json::parse(stratus::detail::uri_decode(*fresh.assume_role_policy_document()));
    CHECK(doc.at("Statement").at(0).at("Principal").at("Service") == "ec2.amazonaws.com");
    CHECK(fresh.assume_role_policy().role_name() == name);

    CHECK(role_names(s, path) == std::set<std::string>{name});

    r.delete_();
    CHECK(role_names(s, path).empty());
    if (auto e = thrown<iam::no_such_entity_exception>([&] { fresh.reload(); }))
        CHECK(e->info().operation == "GetRole");
}
