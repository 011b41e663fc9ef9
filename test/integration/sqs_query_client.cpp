// SQS through its OLD query-protocol model (botocore 1.29's
// sqs/2012-11-05/service-2.json, "protocol": "query", from Debian's
// python3-botocore), generated at build time into sqs_query.hpp, against
// moto-auth, which checks every signature and still answers SQS's query
// protocol (as it answers boto3 1.29: measured).
//
// What the query model changes from the JSON one, and this test covers:
// maps as Attribute.N.Name/Value and MessageAttribute.N.Name/Value.* (flattened,
// with the model's locationNames), lists as flattened AttributeName.N and
// SendMessageBatchRequestEntry.N, blobs base64 in the form and in the XML, and
// errors as <ErrorResponse> with SQS's "AWS.SimpleQueueService.*" codes
// mapped to the model's error shapes (QueueDoesNotExist...).
//
// moto computes MD5OfMessageAttributes from the attributes it parsed, so
// comparing it with SQS's digest of what was sent proves every name, type and
// value arrived intact.
#include "test_support.hpp"
#include "sqs_query.hpp"

#include <stratus/detail/crypto.hpp>
#include <stratus/protocol/detail/md5.hpp>

#include <map>
#include <set>
#include <span>
#include <vector>

using Catch::Matchers::Contains;
using stratus::sqs;
using namespace stratus::test;

namespace {

sqs::client_type client()
{
    return make_session(moto_auth_server()).client<sqs>();
}

std::string md5_hex(std::string_view data)
{
    auto const d = stratus::protocol::detail::md5(data);
    return stratus::detail::hex_lower(std::span<unsigned char const>(d.data(), d.size()));
}

/// SQS's MD5OfMessageAttributes: over the attributes sorted by name, each as
/// length-prefixed (4 bytes, big endian) name, data type, then a transport
/// byte (1 string, 2 binary) and the length-prefixed value.
std::string attributes_md5(std::map<std::string, sqs::message_attribute_value> const& attrs)
{
    std::string buf;
    auto put = [&](std::string_view s) {
        auto const n = static_cast<std::uint32_t>(s.size());
        for (int shift = 24; shift >= 0; shift -= 8)
            buf += static_cast<char>((n >> shift) & 0xff);
        buf += s;
    };
    for (auto const& [name, v] : attrs) { // std::map: sorted by name
        put(name);
        put(v.data_type.value());
        if (v.binary_value) {
            buf += '\x02';
            put(v.binary_value->bytes);
        } else {
            buf += '\x01';
            put(v.string_value.value());
        }
    }
    return md5_hex(buf);
}

/// A queue for one test case, deleted at its end.
class scoped_queue {
public:
    scoped_queue(sqs::client_type c, sqs::create_queue_request req) : c_(std::move(c))
    {
        req.queue_name = unique_name(*req.queue_name);
        name_ = *req.queue_name;
        url_ = c_.create_queue(req).queue_url.value();
    }
    scoped_queue(scoped_queue const&) = delete;
    scoped_queue& operator=(scoped_queue const&) = delete;
    ~scoped_queue()
    {
        if (!deleted_) (void)c_.try_delete_queue({.queue_url = url_});
    }
    std::string const& name() const { return name_; }
    std::string const& url() const { return url_; }
    void forget() { deleted_ = true; }

private:
    sqs::client_type c_;
    std::string name_;
    std::string url_;
    bool deleted_ = false;
};

std::vector<sqs::message> receive_all(sqs::client_type const& c, std::string const& url, std::size_t want)
{
    std::vector<sqs::message> out;
    for (int i = 0; i < 10 && out.size() < want; ++i) {
        auto r = c.receive_message({.queue_url = url,
                                    .attribute_names = std::vector<sqs::queue_attribute_name>{{"All"}},
                                    .message_attribute_names = std::vector<std::string>{"All"},
                                    .max_number_of_messages = 10,
                                    .wait_time_seconds = 1});
        out.insert(out.end(), r.messages.begin(), r.messages.end());
    }
    return out;
}

} // namespace

TEST_CASE("sqs query: create a queue with attributes and tags, find its URL, read its attributes")
{
    auto const c = client();
    scoped_queue q(c, {.queue_name = "attrs",
                       .attributes = std::map<std::string, std::string>{{"VisibilityTimeout", "45"},
                                                                        {"DelaySeconds", "2"}},
                       .tags = std::map<std::string, std::string>{{"team", "storage"}, {"cost", "a=b&c"}}});
    CHECK(q.url().ends_with("/" + std::string(moto_account) + "/" + q.name()));

    auto const url = c.get_queue_url({.queue_name = q.name()});
    CHECK(url.queue_url == q.url());

    auto const attrs = c.get_queue_attributes(
        {.queue_url = q.url(), .attribute_names = std::vector<sqs::queue_attribute_name>{{"All"}}});
    CHECK(attrs.attributes.at("VisibilityTimeout") == "45");
    CHECK(attrs.attributes.at("DelaySeconds") == "2");
    CHECK(attrs.attributes.at("QueueArn") ==
          "arn:aws:sqs:us-east-1:" + std::string(moto_account) + ":" + q.name());
    CHECK(attrs.attributes.at("ApproximateNumberOfMessages") == "0");

    // Only the names asked for.
    auto const two = c.get_queue_attributes(
        {.queue_url = q.url(),
         .attribute_names = std::vector<sqs::queue_attribute_name>{{"VisibilityTimeout"}, {"QueueArn"}}});
    CHECK(two.attributes.size() == 2);
    CHECK(two.attributes.contains("VisibilityTimeout"));

    auto const tags = c.list_queue_tags({.queue_url = q.url()});
    CHECK(tags.tags == std::map<std::string, std::string>{{"team", "storage"}, {"cost", "a=b&c"}});

    auto const listed = c.list_queues({.queue_name_prefix = q.name()});
    CHECK(listed.queue_urls == std::vector<std::string>{q.url()});
}

TEST_CASE("sqs query: send, receive and delete a message with string, number and binary attributes")
{
    auto const c = client();
    scoped_queue q(c, {.queue_name = "msg"});

    std::string const body = "hello <&> \"world\"\nline two \xc3\xbc";
    std::map<std::string, sqs::message_attribute_value> const attrs{
        {"color", {.string_value = "red & blue", .data_type = "String"}},
        {"count", {.string_value = "3.5", .data_type = "Number"}},
        {"bytes", {.binary_value = stratus::blob{std::string("\x00\x01\xfe\xff", 4)}, .data_type = "Binary"}},
        {"custom", {.string_value = "x", .data_type = "String.custom-type"}}};

    auto const sent = c.send_message({.queue_url = q.url(), .message_body = body, .message_attributes = attrs});
    REQUIRE(sent.message_id);
    CHECK(sent.md5_of_message_body == md5_hex(body));
    CHECK(sent.md5_of_message_attributes == attributes_md5(attrs));

    auto const got = receive_all(c, q.url(), 1);
    REQUIRE(got.size() == 1);
    auto const& m = got.front();
    CHECK(m.message_id == *sent.message_id);
    CHECK(m.body == body);
    CHECK(m.md5_of_body == md5_hex(body));
    CHECK(m.md5_of_message_attributes == attributes_md5(attrs));
    REQUIRE(m.message_attributes.size() == 4);
    for (auto const& [name, want] : attrs) {
        INFO(name);
        auto const& have = m.message_attributes.at(name);
        CHECK(have.data_type == want.data_type);
        CHECK(have.string_value == want.string_value);
        CHECK(have.binary_value == want.binary_value);
    }
    CHECK(m.attributes.at("ApproximateReceiveCount") == "1");
    CHECK(m.attributes.contains("SentTimestamp"));

    REQUIRE(m.receipt_handle);
    c.delete_message({.queue_url = q.url(), .receipt_handle = *m.receipt_handle});
    auto const after = c.get_queue_attributes(
        {.queue_url = q.url(),
         .attribute_names = std::vector<sqs::queue_attribute_name>{{"ApproximateNumberOfMessages"},
                                                                    {"ApproximateNumberOfMessagesNotVisible"}}});
    CHECK(after.attributes.at("ApproximateNumberOfMessages") == "0");
    CHECK(after.attributes.at("ApproximateNumberOfMessagesNotVisible") == "0");
}

TEST_CASE("sqs query: a batch send reports each entry; a repeated id is the modeled error")
{
    auto const c = client();
    scoped_queue q(c, {.queue_name = "batch"});

    std::vector<sqs::send_message_batch_request_entry> entries;
    for (int i = 0; i < 10; ++i) {
        sqs::send_message_batch_request_entry e;
        e.id = "e" + std::to_string(i);
        e.message_body = "body " + std::to_string(i) + " <&>";
        if (i % 3 == 0) e.message_attributes["n"] = {.string_value = std::to_string(i), .data_type = "Number"};
        entries.push_back(std::move(e));
    }
    auto const sent = c.send_message_batch({.queue_url = q.url(), .entries = entries});
    CHECK(sent.failed.empty());
    REQUIRE(sent.successful.size() == 10);
    std::set<std::string> bodies;
    for (auto const& s : sent.successful) {
        REQUIRE(s.id);
        auto const i = std::stoi(s.id->substr(1));
        CHECK(s.md5_of_message_body == md5_hex(entries[i].message_body.value()));
        if (i % 3 == 0) CHECK(s.md5_of_message_attributes == attributes_md5(entries[i].message_attributes));
        bodies.insert(*entries[i].message_body);
    }

    auto const got = receive_all(c, q.url(), 10);
    std::set<std::string> received;
    for (auto const& m : got)
        received.insert(m.body.value_or(""));
    CHECK(received == bodies);

    // Two entries with one id: the whole batch is refused.
    std::vector<sqs::send_message_batch_request_entry> twice(2);
    twice[0].id = twice[1].id = "same";
    twice[0].message_body = "1";
    twice[1].message_body = "2";
    auto const e = thrown<sqs::batch_entry_ids_not_distinct>(
        [&] { c.send_message_batch({.queue_url = q.url(), .entries = twice}); });
    REQUIRE(e);
    CHECK(e->aws_code() == "AWS.SimpleQueueService.BatchEntryIdsNotDistinct");
    CHECK(e->http_status() == 400);
}

TEST_CASE("sqs query: purge empties the queue; a deleted queue is sqs::queue_does_not_exist")
{
    auto const c = client();
    scoped_queue q(c, {.queue_name = "purge"});
    for (int i = 0; i < 3; ++i)
        c.send_message({.queue_url = q.url(), .message_body = "m" + std::to_string(i)});
    CHECK(c.get_queue_attributes({.queue_url = q.url(),
                                  .attribute_names = std::vector<sqs::queue_attribute_name>{
                                      {"ApproximateNumberOfMessages"}}})
              .attributes.at("ApproximateNumberOfMessages") == "3");

    c.purge_queue({.queue_url = q.url()});
    CHECK(c.receive_message({.queue_url = q.url(), .max_number_of_messages = 10}).messages.empty());
    CHECK(c.get_queue_attributes({.queue_url = q.url(),
                                  .attribute_names = std::vector<sqs::queue_attribute_name>{
                                      {"ApproximateNumberOfMessages"}}})
              .attributes.at("ApproximateNumberOfMessages") == "0");

    c.delete_queue({.queue_url = q.url()});
    q.forget();

    auto const missing = thrown<sqs::queue_does_not_exist>([&] { c.get_queue_url({.queue_name = q.name()}); });
    REQUIRE(missing);
    CHECK(missing->aws_code() == "AWS.SimpleQueueService.NonExistentQueue");
    CHECK(missing->http_status() == 400);
    CHECK_THAT(missing->info().message, Contains("The specified queue does not exist"));
    CHECK(missing->request_id().size() > 10);

    auto const r = c.try_send_message({.queue_url = q.url(), .message_body = "late"});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().aws_code == "AWS.SimpleQueueService.NonExistentQueue");
    CHECK(r.error().modeled != nullptr);
}
