// The generated STS client (query protocol) against moto-auth, which checks
// every signature, session tokens included, and enforces IAM policies
// (test/servers/README.md): who the harness's key belongs to, AssumeRole, and
// the temporary credentials it returns used by other clients.
//
// What moto 5.2 does, measured with boto3 1.43 against the same server and
// asserted below: AssumeRole needs a trust policy naming the user (the
// harness's user is arn:aws:iam::123456789012:user/stratus-test); the ASIA...
// key works only with its session token (a wrong token: InvalidClientTokenId,
// 403); the assumed role's own policy is enforced (AccessDenied, 403); the
// credentials expire DurationSeconds after the call, by moto's clock.
#include "test_support.hpp"

#include <stratus/services/iam.hpp>
#include <stratus/services/sts.hpp>

#include <chrono>

using stratus::iam;
using stratus::sts;
using namespace stratus::test;

namespace {

std::string const user_arn = "arn:aws:iam::" + std::string(moto_account) + ":user/stratus-test";

/// A role the harness's user may assume, allowed one IAM action (iam:ListRoles).
iam::role make_assumable_role(iam::client_type const& admin)
{
    std::string const trust = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                              R"("Principal":{"AWS":")" + user_arn + R"("},"Action":"sts:AssumeRole"}]})";
    auto created = admin.create_role({.role_name = unique_name("role"), .assume_role_policy_document = trust});
    REQUIRE(created.role);
    admin.put_role_policy({.role_name = *created.role->role_name,
                           .policy_name = "list-roles-only",
                           .policy_document = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                                              R"("Action":"iam:ListRoles","Resource":"*"}]})"});
    return *created.role;
}

} // namespace

TEST_CASE("sts: get_caller_identity names the harness's user")
{
    auto const srv = moto_auth_server();
    auto const s = make_session(srv);
    auto const id = s.client<sts>().get_caller_identity();
    CHECK(id.account == std::string(moto_account));
    CHECK(id.arn == user_arn);
    // The user id is IAM's: the same as GetUser's for the caller.
    auto const me = s.client<iam>().get_user();
    REQUIRE(me.user->user_id);
    CHECK(id.user_id == *me.user->user_id);
    CHECK(me.user->arn == user_arn);
}

TEST_CASE("sts: assume_role returns credentials that other clients sign with, session token included")
{
    auto const srv = moto_auth_server();
    auto const admin_session = make_session(srv);
    auto const role = make_assumable_role(admin_session.client<iam>());
    REQUIRE(role.arn);
    REQUIRE(role.role_id);

    auto const before = std::chrono::system_clock::now();
    auto const assumed = admin_session.client<sts>().assume_role(
        {.role_arn = *role.arn, .role_session_name = "stratus-session", .duration_seconds = 900});
    auto const after = std::chrono::system_clock::now();

    REQUIRE(assumed.credentials);
    auto const& c = *assumed.credentials;
    REQUIRE(c.access_key_id);
    REQUIRE(c.secret_access_key);
    REQUIRE(c.session_token);
    CHECK(c.access_key_id->starts_with("ASIA"));
    CHECK(c.access_key_id->size() == 20);
    CHECK(c.secret_access_key->size() == 40);
    CHECK(c.session_token->size() > 100);
    // Expiration, an ISO 8601 timestamp with microseconds, is DurationSeconds
    // after the call by moto's clock (the same machine's).
    REQUIRE(c.expiration);
    CHECK(*c.expiration >= before + std::chrono::seconds(900) - std::chrono::seconds(1));
    CHECK(*c.expiration <= after + std::chrono::seconds(900) + std::chrono::seconds(1));

    std::string const assumed_arn =
        "arn:aws:sts::" + std::string(moto_account) + ":assumed-role/" + *role.role_name + "/stratus-session";
    REQUIRE(assumed.assumed_role_user);
    CHECK(assumed.assumed_role_user->arn == assumed_arn);
    CHECK(assumed.assumed_role_user->assumed_role_id == *role.role_id + ":stratus-session");

    auto const temporary = make_session(srv, {.key_id = *c.access_key_id,
                                             .secret = *c.secret_access_key,
                                             .session_token = *c.session_token});

    SECTION("STS sees the assumed role")
    {
        auto const id = temporary.client<sts>().get_caller_identity();
        CHECK(id.arn == assumed_arn);
        CHECK(id.account == std::string(moto_account));
        CHECK(id.user_id == *role.role_id + ":stratus-session");
    }
    SECTION("IAM allows what the role's policy allows, and refuses the rest")
    {
        auto const as_role = temporary.client<iam>();
        auto const roles = as_role.list_roles();
        bool found = false;
        for (auto const& r : roles.roles)
            found = found || r.role_name == *role.role_name;
        CHECK(found);

        auto const denied = as_role.try_list_users();
        REQUIRE_FALSE(denied.has_value());
        CHECK(denied.error().aws_code == "AccessDenied");
        CHECK(denied.error().http_status == 403);
        CHECK_THAT(denied.error().message, Catch::Matchers::Contains(assumed_arn) &&
                                               Catch::Matchers::Contains("iam:ListUsers"));
    }
    SECTION("the key with a wrong session token is refused")
    {
        auto const wrong = make_session(srv, {.key_id = *c.access_key_id,
                                             .secret = *c.secret_access_key,
                                             .session_token = "not-the-token"});
        auto const r = wrong.client<sts>().try_get_caller_identity();
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().aws_code == "InvalidClientTokenId");
        CHECK(r.error().http_status == 403);
        CHECK_FALSE(r.error().request_id.empty());
    }
    SECTION("the key without its session token is refused")
    {
        auto const no_token = make_session(srv, {.key_id = *c.access_key_id, .secret = *c.secret_access_key});
        auto const r = no_token.client<sts>().try_get_caller_identity();
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().aws_code == "InvalidClientTokenId");
        CHECK(r.error().http_status == 403);
    }
}

TEST_CASE("sts: a session policy is accepted and packed; a too short session name is refused before sending")
{
    auto const srv = moto_auth_server();
    auto const admin_session = make_session(srv);
    auto const role = make_assumable_role(admin_session.client<iam>());
    auto const client = admin_session.client<sts>();

    // moto does not parse the session policy and always reports a
    // PackedPolicySize of 6 (boto3 gets the same).
    auto const packed = client.assume_role(
        {.role_arn = *role.arn,
         .role_session_name = "with-policy",
         .policy = R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]})"});
    CHECK(packed.packed_policy_size == 6);
    REQUIRE(packed.assumed_role_user);
    CHECK(packed.assumed_role_user->assumed_role_id == *role.role_id + ":with-policy");

    // RoleSessionName has min 2 in the model: refused by stratus, as by botocore.
    auto const r = client.try_assume_role({.role_arn = *role.arn, .role_session_name = "x"});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == stratus::errc::invalid_parameter);
    CHECK_THAT(r.error().message, Catch::Matchers::Contains("RoleSessionName"));
}
