// The generated SQS client end to end with SQS's current model (awsJson 1.0,
// awsQueryCompatible) against moto-auth, which verifies every SigV4
// signature (SQS is among the services it verifies,
// test/servers/moto-auth-survey.md). There is no second SQS emulator in the
// harness.
//
// Each TEST_CASE works in its own queue (unique name, deleted at the end).
#include "test_support.hpp"

#include <stratus/detail/crypto.hpp>
#include <stratus/protocol/detail/md5.hpp>
#include <stratus/services/sqs.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

using stratus::sqs;
using stratus::test::test_server;
using stratus::test::thrown;

namespace {

sqs::client_type client_for(test_server const& srv)
{
    return stratus::test::make_session(srv).client<sqs>();
}

/// A queue created by the constructor and deleted by the destructor.
class scoped_queue {
public:
    scoped_queue(sqs::client_type c, std::string_view what,
                 std::map<std::string, std::string> attributes = {})
        : c_(std::move(c)), name_(stratus::test::unique_name(what))
    {
        sqs::create_queue_request req{.queue_name = name_};
        if (!attributes.empty()) req.attributes = std::move(attributes);
        url_ = c_.create_queue(req).queue_url.value_or("");
    }
    scoped_queue(scoped_queue const&) = delete;
    scoped_queue& operator=(scoped_queue const&) = delete;
    ~scoped_queue()
    {
        if (deleted_) return;
        if (auto r = c_.try_delete_queue({.queue_url = url_}); !r)
            std::cerr << "cleanup of queue " << name_ << " failed: " << r.error().to_string() << '\n';
    }
    std::string const& name() const noexcept { return name_; }
    std::string const& url() const noexcept { return url_; }
    void forget() noexcept { deleted_ = true; }

private:
    sqs::client_type c_;
    std::string name_;
    std::string url_;
    bool deleted_ = false;
};

std::string md5_hex(std::string_view data)
{
    auto const d = stratus::protocol::detail::md5(data);
    return stratus::detail::hex_lower(std::span<unsigned char const>(d.data(), d.size()));
}

/// SQS's MD5 of message attributes: for each attribute by name, the name,
/// the data type (length-prefixed, 4 bytes big-endian), a transport byte (1
/// string, 2 binary) and the length-prefixed value. Computed here from what
/// the test sent, to compare with what the server says it received.
std::string attributes_md5(std::map<std::string, sqs::message_attribute_value> const& attrs)
{
    std::string buf;
    auto add = [&](std::string_view s) {
        auto const n = static_cast<std::uint32_t>(s.size());
        for (int shift : {24, 16, 8, 0})
            buf += static_cast<char>((n >> shift) & 0xff);
        buf += s;
    };
    for (auto const& [name, v] : attrs) { // std::map: sorted by name, as SQS sorts
        add(name);
        add(v.data_type.value_or(""));
        if (v.binary_value) {
            buf += '\2';
            add(v.binary_value->bytes);
        } else {
            buf += '\1';
            add(v.string_value.value_or(""));
        }
    }
    return md5_hex(buf);
}

/// Receives until `n` messages arrived or a receive returns none.
std::vector<sqs::message> receive(sqs::client_type const& c, std::string const& url, std::size_t n)
{
    std::vector<sqs::message> all;
    for (int i = 0; all.size() < n && i < 50; ++i) {
        auto out = c.receive_message({.queue_url = url,
                                      .message_system_attribute_names = {"All"},
                                      .message_attribute_names = {"All"},
                                      .max_number_of_messages = 10});
        if (out.messages.empty()) break;
        for (auto& m : out.messages)
            all.push_back(std::move(m));
    }
    return all;
}

} // namespace

TEST_CASE("sqs: create a queue, find its URL and attributes, delete it")
{
    auto const srv = stratus::test::moto_auth_server();
    auto c = client_for(srv);
    scoped_queue q(c, "lifecycle", {{"VisibilityTimeout", "45"}, {"DelaySeconds", "0"}});
    CHECK(q.url().ends_with("/" + q.name()));

    auto const url = c.get_queue_url({.queue_name = q.name()});
    CHECK(url.queue_url == q.url());

    auto const attrs = c.get_queue_attributes({.queue_url = q.url(), .attribute_names = {"All"}});
    CHECK(attrs.attributes.at("VisibilityTimeout") == "45");
    CHECK(attrs.attributes.at("ApproximateNumberOfMessages") == "0");
    CHECK(attrs.attributes.at("QueueArn").ends_with(":" + q.name()));

    auto const listed = c.list_queues({.queue_name_prefix = q.name()});
    CHECK(listed.queue_urls == std::vector<std::string>{q.url()});

    c.delete_queue({.queue_url = q.url()});
    q.forget();
    CHECK(c.list_queues({.queue_name_prefix = q.name()}).queue_urls.empty());
}

TEST_CASE("sqs: send, receive and delete a message, with string, number and binary attributes")
{
    auto const srv = stratus::test::moto_auth_server();
    auto c = client_for(srv);
    scoped_queue q(c, "messages");

    std::string binary;
    for (int b = 0; b < 256; ++b)
        binary += static_cast<char>(b);
    std::map<std::string, sqs::message_attribute_value> const attrs{
        {"colour", {.string_value = "gr\xc3\xbcn", .data_type = "String"}},
        {"count", {.string_value = "-12.5e3", .data_type = "Number"}},
        {"raw", {.binary_value = stratus::blob{binary}, .data_type = "Binary"}},
        {"typed", {.string_value = "7", .data_type = "Number.int"}},
    };
    std::string const body = "h\xc3\xa9llo <&> \"world\"\n{\"json\": true}";
    auto const sent =
        c.send_message({.queue_url = q.url(), .message_body = body, .message_attributes = attrs});
    CHECK(sent.md5_of_message_body == md5_hex(body));
    CHECK(sent.md5_of_message_attributes == attributes_md5(attrs));
    REQUIRE(sent.message_id);

    auto const got = receive(c, q.url(), 1);
    REQUIRE(got.size() == 1);
    auto const& m = got[0];
    CHECK(m.message_id == sent.message_id);
    CHECK(m.body == body);
    CHECK(m.md5_of_body == md5_hex(body));
    CHECK(m.md5_of_message_attributes == attributes_md5(attrs));
    REQUIRE(m.message_attributes.size() == 4);
    CHECK(m.message_attributes.at("colour").string_value == "gr\xc3\xbcn");
    CHECK(m.message_attributes.at("colour").data_type == "String");
    CHECK(m.message_attributes.at("count").string_value == "-12.5e3");
    CHECK(m.message_attributes.at("count").data_type == "Number");
    CHECK(m.message_attributes.at("raw").binary_value == stratus::blob{binary});
    CHECK(m.message_attributes.at("raw").data_type == "Binary");
    CHECK(m.message_attributes.at("typed").data_type == "Number.int");
    CHECK(m.attributes.at("ApproximateReceiveCount") == "1");
    CHECK_FALSE(m.attributes.at("SentTimestamp").empty());
    REQUIRE(m.receipt_handle);

    // In flight: not received again before the visibility timeout.
    CHECK(receive(c, q.url(), 1).empty());

    c.delete_message({.queue_url = q.url(), .receipt_handle = *m.receipt_handle});
    auto const after = c.get_queue_attributes(
        {.queue_url = q.url(),
         .attribute_names = {"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"}});
    CHECK(after.attributes.at("ApproximateNumberOfMessages") == "0");
    CHECK(after.attributes.at("ApproximateNumberOfMessagesNotVisible") == "0");
}

TEST_CASE("sqs: SendMessageBatch reports each entry; DeleteMessageBatch; PurgeQueue empties the queue")
{
    auto const srv = stratus::test::moto_auth_server();
    auto c = client_for(srv);
    scoped_queue q(c, "batch");

    sqs::send_message_batch_request batch{.queue_url = q.url(), .entries = std::vector<sqs::send_message_batch_request_entry>{}};
    for (int i = 0; i < 10; ++i) {
        sqs::send_message_batch_request_entry e{.id = "e" + std::to_string(i),
                                                .message_body = "body " + std::to_string(i)};
        e.message_attributes["i"] = {.string_value = std::to_string(i), .data_type = "Number"};
        batch.entries->push_back(std::move(e));
    }
    auto const out = c.send_message_batch(batch);
    CHECK(out.failed.empty());
    REQUIRE(out.successful.size() == 10);
    std::set<std::string> ids;
    for (auto const& s : out.successful) {
        ids.insert(s.id.value_or("?"));
        auto const i = s.id.value_or("e?").substr(1);
        CHECK(s.md5_of_message_body == md5_hex("body " + i));
        CHECK_FALSE(s.message_id.value_or("").empty());
    }
    CHECK(ids.size() == 10);

    // Two entries with the same id: the whole batch is refused, typed.
    sqs::send_message_batch_request dup{
        .queue_url = q.url(),
        .entries = {{.id = "x", .message_body = "1"}, {.id = "x", .message_body = "2"}}};
    if (auto e = thrown<sqs::batch_entry_ids_not_distinct>([&] { c.send_message_batch(dup); })) {
        CHECK(e->http_status() == 400);
        CHECK(e->info().operation == "SendMessageBatch");
    }

    auto const got = receive(c, q.url(), 10);
    REQUIRE(got.size() == 10);
    std::set<std::string> bodies;
    sqs::delete_message_batch_request del{.queue_url = q.url(), .entries = std::vector<sqs::delete_message_batch_request_entry>{}};
    for (auto const& m : got) {
        bodies.insert(m.body.value_or("?"));
        CHECK(m.body == "body " + m.message_attributes.at("i").string_value.value_or("?"));
        if (del.entries->size() < 5)
            del.entries->push_back({.id = "d" + std::to_string(del.entries->size()),
                                    .receipt_handle = m.receipt_handle.value_or("")});
    }
    CHECK(bodies.size() == 10);
    auto const deleted = c.delete_message_batch(del);
    CHECK(deleted.successful.size() == 5);
    CHECK(deleted.failed.empty());

    // Five are still in flight; after a purge there are none.
    auto const before = c.get_queue_attributes({.queue_url = q.url(), .attribute_names = {"All"}});
    CHECK(before.attributes.at("ApproximateNumberOfMessagesNotVisible") == "5");
    c.send_message({.queue_url = q.url(), .message_body = "visible"});
    c.purge_queue({.queue_url = q.url()});
    auto const purged = c.get_queue_attributes({.queue_url = q.url(), .attribute_names = {"All"}});
    CHECK(purged.attributes.at("ApproximateNumberOfMessages") == "0");
    CHECK(receive(c, q.url(), 1).empty());
}

TEST_CASE("sqs: a queue that does not exist is queue_does_not_exist, its query code kept")
{
    auto const srv = stratus::test::moto_auth_server();
    auto c = client_for(srv);
    auto const missing = stratus::test::unique_name("never-created");

    // moto answers as SQS does: __type "com.amazonaws.sqs#QueueDoesNotExist"
    // and x-amzn-query-error "AWS.SimpleQueueService.NonExistentQueue;Sender".
    // boto3 reports the query code as the error code and raises the modeled
    // QueueDoesNotExist (by the JSON code: SQS's model gives its errors no
    // query codes, botocore's _handle_sqs_compatible_error).
    if (auto e = thrown<sqs::queue_does_not_exist>([&] { c.get_queue_url({.queue_name = missing}); })) {
        CHECK(e->aws_code() == "AWS.SimpleQueueService.NonExistentQueue");
        CHECK(e->http_status() == 400);
        CHECK(e->info().operation == "GetQueueUrl");
        CHECK(e->message == std::optional<std::string>("The specified queue does not exist."));
    }
    auto const url = srv.endpoint + "/123456789012/" + missing;
    auto r = c.try_send_message({.queue_url = url, .message_body = "x"});
    REQUIRE(r.has_error());
    CHECK(r.error().aws_code == "AWS.SimpleQueueService.NonExistentQueue");
    REQUIRE(r.error().modeled);
    CHECK_THROWS_AS(std::rethrow_exception(r.error().modeled), sqs::queue_does_not_exist);

    // A name taken with other attributes: QueueNameExists, query code QueueAlreadyExists.
    scoped_queue q(c, "exists");
    if (auto e = thrown<sqs::queue_name_exists>([&] {
            c.create_queue({.queue_name = q.name(),
                            .attributes = std::map<std::string, std::string>{{"VisibilityTimeout", "5"}}});
        })) {
        CHECK(e->aws_code() == "QueueAlreadyExists");
    }
}

TEST_CASE("sqs: moto-auth refuses a wrong secret, so the signatures it accepts are checked")
{
    stratus::test::check_moto_auth_verifies<sqs>([](auto const& c) { return c.try_list_queues({}); });
}
