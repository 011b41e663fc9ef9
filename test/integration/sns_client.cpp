// The generated SNS client (query protocol: maps as entry.N.key/value, lists
// as member.N) against moto-auth, which checks every signature, with the SQS
// client of the current model (awsJson 1.0) as the subscriber.
//
// What moto 5.2 does, measured with boto3 1.43 against the same server and
// asserted below: ListTopics answers 100 topics a page with NextToken "100";
// a message published to a topic lands in a subscribed queue at once, in
// SNS's JSON envelope unless RawMessageDelivery is set; a missing topic is
// NotFound (404, "Topic does not exist"); deleting a deleted topic succeeds.
#include "test_support.hpp"

#include <stratus/paginator.hpp>
#include <stratus/services/sns.hpp>
#include <stratus/services/sqs.hpp>

#include <boost/json/parse.hpp>

#include <map>
#include <set>
#include <vector>

using Catch::Matchers::Contains;
using stratus::sns;
using stratus::sqs;
using namespace stratus::test;
namespace ops = stratus::services::sns::ops;

namespace {

std::string topic_arn_for(std::string const& name)
{
    return "arn:aws:sns:us-east-1:" + std::string(moto_account) + ":" + name;
}

/// A queue of the JSON-protocol SQS client and its ARN.
struct queue {
    std::string url;
    std::string arn;
};

queue make_queue(sqs::client_type const& q)
{
    auto const url = q.create_queue({.queue_name = unique_name("sub")}).queue_url.value();
    auto const attrs = q.get_queue_attributes(
        {.queue_url = url, .attribute_names = std::vector<sqs::queue_attribute_name>{{"QueueArn"}}});
    return {url, attrs.attributes.at("QueueArn")};
}

/// A JSON string's text ("(not a string)" for anything else).
std::string text_of(boost::json::value const& v)
{
    return v.is_string() ? std::string(v.as_string()) : std::string("(not a string)");
}

/// The one message waiting in the queue, deleted once read.
sqs::message receive_one(sqs::client_type const& q, std::string const& url)
{
    auto const got = q.receive_message({.queue_url = url,
                                        .message_attribute_names = std::vector<std::string>{"All"},
                                        .max_number_of_messages = 10,
                                        .wait_time_seconds = 1});
    REQUIRE(got.messages.size() == 1);
    auto const& m = got.messages.front();
    q.delete_message({.queue_url = url, .receipt_handle = m.receipt_handle.value()});
    return m;
}

} // namespace

TEST_CASE("sns: topics are created with attributes and tags, read, changed and deleted")
{
    auto const s = make_session(moto_auth_server());
    auto const c = s.client<sns>();
    auto const name = unique_name("topic");
    std::string const delivery = R"({"http":{"defaultHealthyRetryPolicy":{"numRetries":3}}})";

    auto const created = c.create_topic({.name = name,
                                         .attributes = std::map<std::string, std::string>{
                                             {"DisplayName", "Stratus <&> topic"}, {"DeliveryPolicy", delivery}},
                                         .tags = std::vector<sns::tag>{{.key = "team", .value = "storage"},
                                                                       {.key = "cost", .value = "a=b&c d"}}});
    REQUIRE(created.topic_arn);
    CHECK(*created.topic_arn == topic_arn_for(name));
    auto const& arn = *created.topic_arn;

    auto attrs = c.get_topic_attributes({.topic_arn = arn}).attributes;
    CHECK(attrs["TopicArn"] == arn);
    CHECK(attrs["Owner"] == std::string(moto_account));
    CHECK(attrs["DisplayName"] == "Stratus <&> topic");
    CHECK(attrs["DeliveryPolicy"] == delivery);
    CHECK(attrs["SubscriptionsConfirmed"] == "0");
    CHECK(text_of(boost::json::parse(attrs["Policy"]).at("Statement").at(0).at("Resource")) == arn);

    c.set_topic_attributes({.topic_arn = arn, .attribute_name = "DisplayName", .attribute_value = "renamed"});
    attrs = c.get_topic_attributes({.topic_arn = arn}).attributes;
    CHECK(attrs["DisplayName"] == "renamed");
    CHECK(attrs["DeliveryPolicy"] == delivery);

    std::map<std::string, std::string> tags;
    for (auto const& t : c.list_tags_for_resource({.resource_arn = arn}).tags)
        tags[t.key.value_or("")] = t.value.value_or("");
    CHECK(tags == std::map<std::string, std::string>{{"team", "storage"}, {"cost", "a=b&c d"}});

    c.delete_topic({.topic_arn = arn});
    auto const gone = thrown<sns::not_found_exception>([&] { c.get_topic_attributes({.topic_arn = arn}); });
    REQUIRE(gone);
    CHECK(gone->aws_code() == "NotFound");
    CHECK(gone->http_status() == 404);
    CHECK_THAT(gone->info().message, Contains("Topic does not exist"));
    CHECK(gone->request_id().size() > 10);
    // Deleting it again is not an error for moto.
    CHECK(c.try_delete_topic({.topic_arn = arn}).has_value());
}

TEST_CASE("sns: the ListTopics paginator follows NextToken across moto's 100-topic pages")
{
    auto const c = make_session(moto_auth_server()).client<sns>();
    auto const prefix = unique_name("many");
    std::set<std::string> mine;
    for (int i = 0; i < 103; ++i) {
        auto const name = prefix + "-" + std::to_string(i);
        c.create_topic({.name = name});
        mine.insert(topic_arn_for(name));
    }

    auto pages = c.get_paginator<ops::list_topics>().paginate({});
    std::size_t page_count = 0;
    std::multiset<std::string> seen;
    for (auto const& page : pages) {
        ++page_count;
        CHECK(page.topics.size() <= 100);
        for (auto const& t : page.topics)
            if (mine.contains(t.topic_arn.value_or(""))) seen.insert(*t.topic_arn);
    }
    CHECK(page_count >= 2);
    CHECK(seen == std::multiset<std::string>(mine.begin(), mine.end()));

    // The first page by hand: 100 topics and the token the paginator followed.
    auto const first = c.list_topics();
    CHECK(first.topics.size() == 100);
    CHECK(first.next_token == "100");

    for (auto const& arn : mine)
        c.delete_topic({.topic_arn = arn});
}

TEST_CASE("sns: an SQS subscriber receives what is published, in the envelope or raw")
{
    auto const s = make_session(moto_auth_server());
    auto const c = s.client<sns>();
    auto const q = s.client<sqs>();
    auto const topic = c.create_topic({.name = unique_name("pub")}).topic_arn.value();
    auto const target = make_queue(q);

    auto const sub = c.subscribe({.topic_arn = topic,
                                  .protocol = "sqs",
                                  .endpoint = target.arn,
                                  .return_subscription_arn = true});
    REQUIRE(sub.subscription_arn);
    CHECK(sub.subscription_arn->starts_with(topic + ":"));
    auto const& sub_arn = *sub.subscription_arn;

    auto const subs = c.list_subscriptions_by_topic({.topic_arn = topic});
    REQUIRE(subs.subscriptions.size() == 1);
    CHECK(subs.subscriptions[0].subscription_arn == sub_arn);
    CHECK(subs.subscriptions[0].protocol == "sqs");
    CHECK(subs.subscriptions[0].endpoint == target.arn);
    CHECK(subs.subscriptions[0].owner == std::string(moto_account));
    auto sub_attrs = c.get_subscription_attributes({.subscription_arn = sub_arn}).attributes;
    CHECK(sub_attrs["RawMessageDelivery"] == "false");
    CHECK(sub_attrs["Endpoint"] == target.arn);

    SECTION("the SNS envelope carries the message, subject and attributes")
    {
        std::string const text = "hello <&> \"world\"\nsecond line \xc3\xbc";
        auto const published = c.publish(
            {.topic_arn = topic,
             .message = text,
             .subject = "greetings",
             .message_attributes = std::map<std::string, sns::message_attribute_value>{
                 {"color", {.data_type = "String", .string_value = "red"}},
                 {"count", {.data_type = "Number", .string_value = "42"}}}});
        REQUIRE(published.message_id);

        auto const m = receive_one(q, target.url);
        auto const envelope = boost::json::parse(m.body.value()).as_object();
        CHECK(text_of(envelope.at("Type")) == "Notification");
        CHECK(text_of(envelope.at("Message")) == text);
        CHECK(text_of(envelope.at("Subject")) == "greetings");
        CHECK(text_of(envelope.at("TopicArn")) == topic);
        CHECK(text_of(envelope.at("MessageId")) == *published.message_id);
        auto const& attrs = envelope.at("MessageAttributes").as_object();
        CHECK(text_of(attrs.at("color").at("Type")) == "String");
        CHECK(text_of(attrs.at("color").at("Value")) == "red");
        CHECK(text_of(attrs.at("count").at("Type")) == "Number");
        CHECK(text_of(attrs.at("count").at("Value")) == "42");
    }
    SECTION("with RawMessageDelivery the body is the message itself")
    {
        c.set_subscription_attributes(
            {.subscription_arn = sub_arn, .attribute_name = "RawMessageDelivery", .attribute_value = "true"});
        CHECK(c.get_subscription_attributes({.subscription_arn = sub_arn}).attributes["RawMessageDelivery"] == "true");
        c.publish({.topic_arn = topic, .message = "raw <body> & more"});
        CHECK(receive_one(q, target.url).body == "raw <body> & more");
    }

    c.unsubscribe({.subscription_arn = sub_arn});
    CHECK(c.list_subscriptions_by_topic({.topic_arn = topic}).subscriptions.empty());
    // Unsubscribed: a new message goes nowhere.
    c.publish({.topic_arn = topic, .message = "after unsubscribe"});
    CHECK(q.receive_message({.queue_url = target.url, .wait_time_seconds = 1}).messages.empty());

    c.delete_topic({.topic_arn = topic});
    q.delete_queue({.queue_url = target.url});
}

TEST_CASE("sns: publishing to a missing topic is sns::not_found_exception")
{
    auto const c = make_session(moto_auth_server()).client<sns>();
    auto const missing = topic_arn_for(unique_name("never"));
    auto const e = thrown<sns::not_found_exception>([&] { c.publish({.topic_arn = missing, .message = "m"}); });
    REQUIRE(e);
    CHECK(e->aws_code() == "NotFound");
    CHECK(e->http_status() == 404);
    CHECK(e->info().operation == "Publish");

    auto const r = c.try_get_topic_attributes({.topic_arn = missing});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().aws_code == "NotFound");
    CHECK(r.error().modeled != nullptr);
}
