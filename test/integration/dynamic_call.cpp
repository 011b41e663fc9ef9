// client.call("OperationName", params) end to end: S3 through moto-auth
// (every signature verified) and DynamoDB (awsJson 1.0) through moto.
#include "s3_test_support.hpp"

#include <stratus/services/dynamodb.hpp>

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace stratus;

TEST_CASE("dynamic call: S3 PutObject, ListBuckets and GetObject by name through moto-auth")
{
    auto srv = test::moto_auth();
    auto client = test::client_for(srv);
    std::string bucket = "dyn-" + std::to_string(std::random_device{}() % 1000000);
    client.call("CreateBucket", {{"Bucket", bucket}});

    auto put = client.call("PutObject", {{"Bucket", bucket}, {"Key", "dir/k.txt"}, {"Body", "hello"},
                                         {"Metadata", {{"color", "blue"}}}});
    CHECK(put.at("ETag").as_string() == "\"5d41402abc4b2a76b9719d911017c592\"");

    auto list = client.call("ListBuckets", {});
    bool found = false;
    for (auto const& b : list.at("Buckets").as_array()) {
        if (b.at("Name").as_string() != bucket) continue;
        found = true;
        // ISO 8601 text, as the dynamic output writes timestamps.
        std::string created(b.at("CreationDate").as_string());
        CHECK(created.size() >= 20);
        CHECK(created[4] == '-');
        CHECK(created.back() == 'Z');
    }
    CHECK(found);

    auto got = client.call("GetObject", {{"Bucket", bucket}, {"Key", "dir/k.txt"}});
    CHECK(got.at("Body").as_string() == "hello");
    CHECK(got.at("Metadata") == boost::json::parse(R"({"color": "blue"})"));

    CHECK_THROWS_AS(client.call("GetObject", {{"Bucket", bucket}, {"Key", "missing"}}), s3::no_such_key);
    client.call("DeleteObject", {{"Bucket", bucket}, {"Key", "dir/k.txt"}});
    client.call("DeleteBucket", {{"Bucket", bucket}});
}

TEST_CASE("dynamic call: DynamoDB CreateTable, PutItem and GetItem by name through moto")
{
    auto srv = test::moto();
    auto session = test::make_session(srv);
    auto db = session.client<stratus::dynamodb>();
    std::string table = "dyn" + std::to_string(std::random_device{}() % 1000000);
    db.call("CreateTable", boost::json::parse(R"({"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
        "TableName": ")" + table + "\"}"));
    db.call("PutItem", {{"TableName", table}, {"Item", boost::json::parse(R"({"pk": {"S": "a"}, "n": {"N": "5"}})")}});
    auto got = db.call("GetItem", {{"TableName", table}, {"Key", {{"pk", {{"S", "a"}}}}}});
    CHECK(got.at("Item") == boost::json::parse(R"({"pk": {"S": "a"}, "n": {"N": "5"}})"));

    auto r = db.try_call("GetItem", {{"TableName", table}, {"Key", {{"pk", {{"S", 5}}}}}});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_parameter);
    CHECK(r.error().message == "GetItem: parameter Key[pk].S: expected a string");

    CHECK_THROWS_AS(db.call("DescribeTable", {{"TableName", table + "-none"}}), dynamodb::resource_not_found_exception);
    db.call("DeleteTable", {{"TableName", table}});
}
