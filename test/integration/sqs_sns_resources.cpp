// The SQS and SNS resources (boto3's resource layer, written by stratus-gen
// from resources-1.json) against moto-auth, which checks every signature:
// queues made by create_queue and found by the queues() collection, their
// attributes loaded through GetQueueAttributes, messages received as
// resources and deleted through them; topics, a subscription of a queue, and
// a published message read back through the queue resource.
//
// What moto does, asserted below: a message received with VisibilityTimeout 0
// can be received again at once; a deleted queue's GetQueueAttributes is
// QueueDoesNotExist.
#include "test_support.hpp"

#include <stratus/services/sns.hpp>
#include <stratus/services/sqs.hpp>

#include <algorithm>
#include <set>
#include <vector>

using stratus::sns;
using stratus::sqs;
using namespace stratus::test;

namespace {

sqs::service_resource sqs_resource()
{
    return make_session(moto_auth_server()).resource<sqs>();
}

sns::service_resource sns_resource()
{
    return make_session(moto_auth_server()).resource<sns>();
}

/// The URLs the queues() collection lists for this prefix.
std::set<std::string> queue_urls(sqs::service_resource const& s, std::string const& prefix)
{
    std::set<std::string> out;
    for (auto const& q : s.queues().filter({.queue_name_prefix = prefix}))
        out.insert(q.url());
    return out;
}

} // namespace

TEST_CASE("sqs resources: a queue from create_queue, its attributes loaded, reloaded, listed and deleted")
{
    auto const s = sqs_resource();
    auto const name = unique_name("resq");
    auto const q = s.create_queue(
        {.queue_name = name, .attributes = std::map<std::string, std::string>{{"VisibilityTimeout", "7"}}});
    CHECK(q.url().ends_with("/" + std::string(moto_account) + "/" + name));
    // CreateQueue answers only the URL: the data waits for the first attribute.
    CHECK_FALSE(q.meta().data().has_value());

    auto const& attrs = q.attributes(); // GetQueueAttributes with AttributeNames ["All"]
    REQUIRE(q.meta().data().has_value());
    CHECK(attrs.at("VisibilityTimeout") == "7");
    CHECK(attrs.at("QueueArn") == "arn:aws:sqs:us-east-1:" + std::string(moto_account) + ":" + name);
    CHECK(attrs.contains("ApproximateNumberOfMessages"));

    // The data is kept until reload().
    q.set_attributes({.attributes = {{"VisibilityTimeout", "9"}}});
    CHECK(q.attributes().at("VisibilityTimeout") == "7");
    q.reload();
    CHECK(q.attributes().at("VisibilityTimeout") == "9");

    // The same queue by name, and in the collection (by prefix, and among all).
    CHECK(s.get_queue_by_name({.queue_name = name}) == q);
    CHECK(s.queue(q.url()) == q);
    CHECK(queue_urls(s, name) == std::set<std::string>{q.url()});
    auto const all = s.queues();
    CHECK(std::any_of(all.begin(), all.end(), [&](auto const& x) { return x.url() == q.url(); }));

    q.delete_();
    CHECK(queue_urls(s, name).empty());
    // A fresh resource for the deleted queue: loading it is SQS's modeled error.
    auto const gone = s.queue(q.url());
    if (auto e = thrown<sqs::queue_does_not_exist>([&] { gone.load(); }))
        CHECK(e->info().operation == "GetQueueAttributes");
    CHECK_FALSE(gone.meta().data().has_value());
}

TEST_CASE("sqs resources: messages sent through the queue come back as message resources, deleted through them")
{
    auto const s = sqs_resource();
    auto const q = s.create_queue({.queue_name = unique_name("resmsg")});

    auto const sent = q.send_message({.message_body = "hello <&> resources"});
    REQUIRE(sent.message_id);

    // VisibilityTimeout 0: the message stays visible, so only delete_() can
    // make the second receive come back empty.
    auto const got = q.receive_messages({.max_number_of_messages = 10, .visibility_timeout = 0, .wait_time_seconds = 1});
    REQUIRE(got.size() == 1);
    auto const& m = got[0];
    CHECK(m.body() == "hello <&> resources");
    CHECK(m.message_id() == sent.message_id);
    CHECK(m.queue_url() == q.url());
    CHECK(m.queue() == q);
    CHECK_FALSE(m.receipt_handle().empty());
    CHECK(m.data().receipt_handle == m.receipt_handle());

    auto const again = q.receive_messages({.max_number_of_messages = 10, .visibility_timeout = 0});
    REQUIRE(again.size() == 1);
    CHECK(again[0].message_id() == sent.message_id);

    m.delete_();
    CHECK(q.receive_messages({.max_number_of_messages = 10, .wait_time_seconds = 1}).empty());

    // A message made from its identifiers has no load action: no data.
    auto const bare = q.message("some-receipt-handle");
    CHECK(bare.receipt_handle() == "some-receipt-handle");
    CHECK(bare.queue_url() == q.url());
    auto const e = thrown<stratus::client_error>([&] { (void)bare.body(); });
    if (e) CHECK(e->info().code == stratus::errc::resource_unavailable);
    // An identifier may not be empty.
    auto const empty = thrown<stratus::client_error>([&] { (void)q.message(""); });
    if (empty) {
        CHECK(empty->info().code == stratus::errc::invalid_parameter);
        CHECK_THAT(empty->info().message, Catch::Matchers::Contains("ReceiptHandle"));
    }
    q.delete_();
}

TEST_CASE("sns resources: a topic, a queue subscribed to it, and what is published read through the queue resource")
{
    auto const n = sns_resource();
    auto const s = sqs_resource();
    auto const name = unique_name("restopic");
    auto const t = n.create_topic({.name = name});
    CHECK(t.arn() == "arn:aws:sns:us-east-1:" + std::string(moto_account) + ":" + name);
    CHECK_FALSE(t.meta().data().has_value());
    CHECK(t.attributes().at("TopicArn") == t.arn()); // GetTopicAttributes

    auto const q = s.create_queue({.queue_name = unique_name("ressub")});
    auto const queue_arn = q.attributes().at("QueueArn");
    auto const sub = t.subscribe({.protocol = "sqs",
                                  .endpoint = queue_arn,
                                  .attributes = std::map<std::string, std::string>{{"RawMessageDelivery", "true"}}});
    CHECK(sub.arn().starts_with(t.arn() + ":"));
    // GetSubscriptionAttributes
    CHECK(sub.attributes().at("Endpoint") == queue_arn);
    CHECK(sub.attributes().at("TopicArn") == t.arn());
    CHECK(sub.attributes().at("RawMessageDelivery") == "true");

    // The collections: the topic's subscriptions, the service's topics.
    std::vector<std::string> subs;
    for (auto const& x : t.subscriptions())
        subs.push_back(x.arn());
    CHECK(subs == std::vector<std::string>{sub.arn()});
    auto const topics = n.topics();
    CHECK(std::any_of(topics.begin(), topics.end(), [&](auto const& x) { return x == t; }));

    auto const published = t.publish({.message = "published <&> through the topic resource"});
    REQUIRE(published.message_id);
    auto const got = q.receive_messages({.max_number_of_messages = 10, .wait_time_seconds = 1});
    REQUIRE(got.size() == 1);
    CHECK(got[0].body() == "published <&> through the topic resource");
    got[0].delete_();

    sub.delete_(); // Unsubscribe
    subs.clear();
    for (auto const& x : t.subscriptions())
        subs.push_back(x.arn());
    CHECK(subs.empty());
    t.delete_();
    CHECK(std::none_of(topics.begin(), topics.end(), [&](auto const& x) { return x == t; }));
    q.delete_();
}
