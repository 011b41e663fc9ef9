// The generated IAM client (query protocol) against moto-auth, which checks
// every signature and enforces the IAM policies this test writes: users,
// access keys (used to sign), managed policies (in force once attached),
// tags, and IAM's modeled errors as their generated types.
//
// What moto 5.2 does, measured with boto3 1.43 against the same server and
// asserted below: ListUsers ignores MaxItems and answers everything in one
// page (so the paginator's max_items and resume token are what split it);
// policy documents come back as the JSON text, not URL-encoded as AWS sends
// them; sts:GetCallerIdentity is allowed to any valid key.
#include "test_support.hpp"

#include <stratus/paginator.hpp>
#include <stratus/services/iam.hpp>
#include <stratus/services/sts.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <map>
#include <vector>

using Catch::Matchers::Contains;
using stratus::iam;
using stratus::sts;
using namespace stratus::test;
namespace ops = stratus::services::iam::ops;

namespace {

iam::client_type admin()
{
    return make_session(moto_auth_server()).client<iam>();
}

std::string user_arn(std::string const& path, std::string const& name)
{
    return "arn:aws:iam::" + std::string(moto_account) + ":user" + path + name;
}

std::vector<std::string> names_of(std::vector<iam::user> const& users)
{
    std::vector<std::string> out;
    for (auto const& u : users)
        out.push_back(u.user_name.value_or("(no name)"));
    std::sort(out.begin(), out.end());
    return out;
}

std::map<std::string, std::string> tags_of(std::vector<iam::tag> const& tags)
{
    std::map<std::string, std::string> out;
    for (auto const& t : tags)
        out[*t.key] = *t.value;
    return out;
}

/// Clients signed with an access key of a user this test created.
struct as_user {
    stratus::session session;
    explicit as_user(iam::access_key const& k)
        : session(make_session(moto_auth_server(), {.key_id = *k.access_key_id, .secret = *k.secret_access_key}))
    {
    }
};

} // namespace

TEST_CASE("iam: users are created, read, listed page by page and deleted")
{
    auto const c = admin();
    auto const path = "/" + unique_name("path") + "/";
    std::vector<std::string> names;
    for (int i = 0; i < 5; ++i)
        names.push_back(unique_name("user" + std::to_string(i)));
    std::sort(names.begin(), names.end());

    for (auto const& n : names) {
        auto const created = c.create_user({.path = path, .user_name = n});
        REQUIRE(created.user);
        CHECK(created.user->user_name == n);
        CHECK(created.user->path == path);
        CHECK(created.user->arn == user_arn(path, n));
        REQUIRE(created.user->user_id);
        CHECK(created.user->user_id->size() > 10);
        CHECK(created.user->create_date);
    }

    auto const got = c.get_user({.user_name = names[2]});
    REQUIRE(got.user);
    CHECK(got.user->arn == user_arn(path, names[2]));
    CHECK(got.user->path == path);

    // The paginator: every user once; max_items stops after 2 and the resume
    // token goes on from there, inside moto's one page.
    auto p = c.get_paginator<ops::list_users>();
    std::vector<iam::user> all;
    auto every = p.paginate({.path_prefix = path}, {.page_size = 2});
    for (auto const& u : every.items())
        all.push_back(u);
    CHECK(names_of(all) == names);

    auto first = p.paginate({.path_prefix = path}, {.max_items = 2});
    std::vector<iam::user> head;
    for (auto const& u : first.items())
        head.push_back(u);
    CHECK(head.size() == 2);
    REQUIRE(first.resume_token());
    auto rest = p.paginate({.path_prefix = path}, {.starting_token = *first.resume_token()});
    std::vector<iam::user> tail;
    for (auto const& u : rest.items())
        tail.push_back(u);
    CHECK(tail.size() == 3);
    auto joined = head;
    joined.insert(joined.end(), tail.begin(), tail.end());
    CHECK(names_of(joined) == names);

    // A duplicate is IAM's EntityAlreadyExists, as its generated type.
    auto const dup = thrown<iam::entity_already_exists_exception>([&] { c.create_user({.user_name = names[0]}); });
    REQUIRE(dup);
    CHECK(dup->aws_code() == "EntityAlreadyExists");
    CHECK(dup->http_status() == 409);
    CHECK_THAT(dup->info().message, Contains(names[0]));

    for (auto const& n : names)
        c.delete_user({.user_name = n});
    CHECK(c.list_users({.path_prefix = path}).users.empty());
}

TEST_CASE("iam: a missing user is iam::no_such_entity_exception with IAM's message and a request id")
{
    auto const c = admin();
    auto const name = unique_name("nobody");
    auto const e = thrown<iam::no_such_entity_exception>([&] { c.get_user({.user_name = name}); });
    REQUIRE(e);
    CHECK(e->aws_code() == "NoSuchEntity");
    CHECK(e->http_status() == 404);
    CHECK_THAT(e->info().message, Contains("The user with name " + name + " cannot be found."));
    CHECK(e->request_id().size() > 10);

    auto const r = c.try_delete_user({.user_name = name});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().aws_code == "NoSuchEntity");
    CHECK(r.error().http_status == 404);
    CHECK(r.error().modeled != nullptr); // what throw_error() would throw
}

TEST_CASE("iam: access keys are created, sign requests, are listed, deactivated and deleted")
{
    auto const c = admin();
    auto const name = unique_name("keys");
    c.create_user({.user_name = name});

    auto const created = c.create_access_key({.user_name = name});
    REQUIRE(created.access_key);
    auto const& key = *created.access_key;
    CHECK(key.user_name == name);
    CHECK(key.status == iam::status_type::active);
    REQUIRE(key.access_key_id);
    REQUIRE(key.secret_access_key);
    CHECK(key.access_key_id->starts_with("AKIA"));
    CHECK(key.secret_access_key->size() == 40);

    // The new key signs: STS says whose it is (moto allows GetCallerIdentity to anyone).
    auto const id = as_user(key).session.client<sts>().get_caller_identity();
    CHECK(id.arn == user_arn("/", name));

    auto listed = c.list_access_keys({.user_name = name});
    REQUIRE(listed.access_key_metadata.size() == 1);
    CHECK(listed.access_key_metadata[0].access_key_id == *key.access_key_id);
    CHECK(listed.access_key_metadata[0].status == iam::status_type::active);
    CHECK(listed.access_key_metadata[0].create_date == key.create_date);

    c.update_access_key({.user_name = name, .access_key_id = *key.access_key_id, .status = iam::status_type{"Inactive"}});
    listed = c.list_access_keys({.user_name = name});
    REQUIRE(listed.access_key_metadata.size() == 1);
    CHECK(listed.access_key_metadata[0].status == iam::status_type::inactive);

    c.delete_access_key({.user_name = name, .access_key_id = *key.access_key_id});
    CHECK(c.list_access_keys({.user_name = name}).access_key_metadata.empty());
    auto const refused = as_user(key).session.client<sts>().try_get_caller_identity();
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().aws_code == "InvalidClientTokenId");
    CHECK(refused.error().http_status == 403);

    c.delete_user({.user_name = name});
}

TEST_CASE("iam: a managed policy from a JSON document is attached, in force, detached and deleted")
{
    auto const c = admin();
    auto const user = unique_name("pol-user");
    c.create_user({.user_name = user});
    auto const key = c.create_access_key({.user_name = user}).access_key.value();
    auto const their_iam = as_user(key).session.client<iam>();

    // Before: the user may do nothing.
    auto const before = their_iam.try_list_users();
    REQUIRE_FALSE(before.has_value());
    CHECK(before.error().aws_code == "AccessDenied");

    std::string const document = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", )"
                                 R"("Action": ["iam:ListUsers", "iam:GetUser"], "Resource": "*"}]})";
    auto const policy_name = unique_name("policy");
    auto const created = c.create_policy(
        {.policy_name = policy_name, .path = "/stratus/", .policy_document = document, .description = "list & get users"});
    REQUIRE(created.policy);
    auto const& pol = *created.policy;
    REQUIRE(pol.arn);
    CHECK(*pol.arn == "arn:aws:iam::" + std::string(moto_account) + ":policy/stratus/" + policy_name);
    CHECK(pol.default_version_id == "v1");
    CHECK(pol.attachment_count == 0);
    CHECK(pol.is_attachable == true);

    auto const version = c.get_policy_version({.policy_arn = *pol.arn, .version_id = "v1"});
    REQUIRE(version.policy_version);
    CHECK(version.policy_version->is_default_version == true);
    REQUIRE(version.policy_version->document);
    CHECK(boost::json::parse(*version.policy_version->document) == boost::json::parse(document));

    c.attach_user_policy({.user_name = user, .policy_arn = *pol.arn});
    auto const attached = c.list_attached_user_policies({.user_name = user});
    REQUIRE(attached.attached_policies.size() == 1);
    CHECK(attached.attached_policies[0].policy_name == policy_name);
    CHECK(attached.attached_policies[0].policy_arn == *pol.arn);
    CHECK(c.get_policy({.policy_arn = *pol.arn}).policy->attachment_count == 1);

    // In force: the user's own key may list users now, and nothing else.
    auto const listed = their_iam.list_users();
    CHECK(std::any_of(listed.users.begin(), listed.users.end(),
                      [&](iam::user const& u) { return u.user_name == user; }));
    auto const still_denied = their_iam.try_list_roles();
    REQUIRE_FALSE(still_denied.has_value());
    CHECK(still_denied.error().aws_code == "AccessDenied");

    // With a policy attached the user cannot be deleted (moto does delete
    // an attached policy, and a user with access keys: not asserted).
    auto const conflict = thrown<iam::delete_conflict_exception>([&] { c.delete_user({.user_name = user}); });
    REQUIRE(conflict);
    CHECK(conflict->aws_code() == "DeleteConflict");
    CHECK(conflict->http_status() == 409);
    CHECK_THAT(conflict->info().message, Contains("must detach all policies first"));

    c.detach_user_policy({.user_name = user, .policy_arn = *pol.arn});
    CHECK(c.list_attached_user_policies({.user_name = user}).attached_policies.empty());
    auto const after = their_iam.try_list_users();
    REQUIRE_FALSE(after.has_value());
    CHECK(after.error().aws_code == "AccessDenied");

    c.delete_policy({.policy_arn = *pol.arn});
    auto const gone = thrown<iam::no_such_entity_exception>([&] { c.get_policy({.policy_arn = *pol.arn}); });
    REQUIRE(gone);
    CHECK(gone->aws_code() == "NoSuchEntity");

    c.delete_access_key({.user_name = user, .access_key_id = *key.access_key_id});
    c.delete_user({.user_name = user});
}

TEST_CASE("iam: tags on users: at creation, added, listed, removed")
{
    auto const c = admin();
    auto const name = unique_name("tagged");
    auto const created = c.create_user(
        {.user_name = name, .tags = std::vector<iam::tag>{{.key = "team", .value = "storage"}, {.key = "cost", .value = "a=b&c d"}}});
    REQUIRE(created.user);
    CHECK(tags_of(created.user->tags) == std::map<std::string, std::string>{{"team", "storage"}, {"cost", "a=b&c d"}});

    c.tag_user({.user_name = name, .tags = {{.key = "env", .value = "test"}, {.key = "team", .value = "compute"}}});
    CHECK(tags_of(c.list_user_tags({.user_name = name}).tags) ==
          std::map<std::string, std::string>{{"team", "compute"}, {"cost", "a=b&c d"}, {"env", "test"}});
    CHECK(tags_of(c.get_user({.user_name = name}).user->tags) ==
          std::map<std::string, std::string>{{"team", "compute"}, {"cost", "a=b&c d"}, {"env", "test"}});

    c.untag_user({.user_name = name, .tag_keys = {"cost", "env"}});
    CHECK(tags_of(c.list_user_tags({.user_name = name}).tags) ==
          std::map<std::string, std::string>{{"team", "compute"}});

    c.delete_user({.user_name = name});
}
