// The Table batch writer (boto3's BatchWriter) against a scripted stand-in
// for the client, so what no emulator does on demand can be tested: a call
// that leaves requests unprocessed, one that leaves all of them, one that
// fails. The actions and the writer against real servers:
// test/integration/dynamodb_table.cpp.
#include <stratus/customizations/dynamodb_table.hpp>

#include <catch2/catch.hpp>

#include <functional>
#include <memory>

namespace ddb = stratus::services::dynamodb;
using namespace std::chrono_literals;

namespace {

/// Records every BatchWriteItem call and answers with `answer` (success with
/// nothing unprocessed when unset).
struct scripted_client {
    struct state {
        std::vector<ddb::batch_write_item_input> calls;
        std::function<stratus::result<ddb::batch_write_item_output>(ddb::batch_write_item_input const&)> answer;
    };
    std::shared_ptr<state> s = std::make_shared<state>();

    stratus::result<ddb::batch_write_item_output> try_batch_write_item(ddb::batch_write_item_input const& in) const
    {
        s->calls.push_back(in);
        if (s->answer) return s->answer(in);
        return ddb::batch_write_item_output{};
    }
};

using writer = ddb::basic_table_batch_writer<scripted_client>;

/// One call's requests, each as "put pk/sk/v" or "del pk/sk".
std::vector<std::string> requests_of(ddb::batch_write_item_input const& in)
{
    std::vector<std::string> out;
    REQUIRE(in.request_items->size() == 1);
    for (auto const& w : in.request_items->at("t")) {
        auto const& a = w.put_request ? w.put_request->item : w.delete_request->key;
        std::string line = (w.put_request ? "put " : "del ") + ddb::get<std::string>(a, "pk") + "/" +
                           std::to_string(ddb::get<int>(a, "sk"));
        if (a.contains("v")) line += "/" + ddb::get<std::string>(a, "v");
        out.push_back(line);
    }
    return out;
}

ddb::native_item item(int sk, std::string v = "x")
{
    return {{"pk", "a"}, {"sk", sk}, {"v", std::move(v)}};
}

std::string refusal(std::function<void()> const& f)
{
    try {
        f();
    } catch (stratus::error const& e) {
        CHECK(e.info().code == stratus::errc::invalid_parameter);
        return e.info().message;
    }
    return "<no error>";
}

} // namespace

TEST_CASE("table batch writer: sends 25 requests a call, as they come, and the rest on flush")
{
    scripted_client c;
    {
        writer w(c, "t");
        for (int i = 0; i < 60; ++i)
            w.put_item(item(i));
        // boto3 sends as soon as the buffer holds flush_amount requests.
        CHECK(c.s->calls.size() == 2);
        CHECK(w.pending() == 10);
        w.flush();
        CHECK(w.pending() == 0);
        CHECK(c.s->calls.size() == 3);
    }
    CHECK(c.s->calls.size() == 3); // nothing left for the destructor
    std::vector<std::string> all;
    for (auto const& call : c.s->calls) {
        auto r = requests_of(call);
        CHECK(r.size() <= 25);
        all.insert(all.end(), r.begin(), r.end());
    }
    REQUIRE(all.size() == 60);
    for (int i = 0; i < 60; ++i)
        CHECK(all[i] == "put a/" + std::to_string(i) + "/x");
    CHECK(requests_of(c.s->calls[2]).size() == 10);
}

TEST_CASE("table batch writer: flush_amount sets the batch size, within BatchWriteItem's 1 to 25")
{
    scripted_client c;
    {
        writer w(c, "t", {.flush_amount = 2});
        for (int i = 0; i < 5; ++i)
            w.put_item(item(i));
    }
    REQUIRE(c.s->calls.size() == 3);
    CHECK(requests_of(c.s->calls[0]).size() == 2);
    CHECK(requests_of(c.s->calls[2]).size() == 1);

    CHECK_THAT(refusal([&] { writer(c, "t", {.flush_amount = 26}); }),
               Catch::Matchers::Contains("flush_amount") && Catch::Matchers::Contains("1 to 25"));
    CHECK_THAT(refusal([&] { writer(c, "t", {.flush_amount = 0}); }), Catch::Matchers::Contains("flush_amount"));
    CHECK_THAT(refusal([&] { writer(c, "t", {.max_stalled_calls = 0}); }),
               Catch::Matchers::Contains("max_stalled_calls"));
}

TEST_CASE("table batch writer: unprocessed requests are sent again, first")
{
    scripted_client c;
    // The first call leaves its last 5 requests unprocessed (as DynamoDB
    // echoes them); every later call processes everything.
    c.s->answer = [&](ddb::batch_write_item_input const& in) -> stratus::result<ddb::batch_write_item_output> {
        ddb::batch_write_item_output out;
        if (c.s->calls.size() == 1) {
            auto const& sent = in.request_items->at("t");
            out.unprocessed_items["t"].assign(sent.end() - 5, sent.end());
        }
        return out;
    };
    writer w(c, "t");
    for (int i = 0; i < 30; ++i)
        w.put_item(item(i));
    w.flush();
    REQUIRE(c.s->calls.size() == 2);
    auto const second = requests_of(c.s->calls[1]);
    REQUIRE(second.size() == 10);
    // 20..24 came back and go before 25..29, which were buffered after them.
    for (int i = 0; i < 10; ++i)
        CHECK(second[i] == "put a/" + std::to_string(20 + i) + "/x");
}

TEST_CASE("table batch writer: a call that processes nothing is retried, and given up on with the requests kept")
{
    scripted_client c;
    c.s->answer = [](ddb::batch_write_item_input const& in) -> stratus::result<ddb::batch_write_item_output> {
        ddb::batch_write_item_output out;
        out.unprocessed_items = *in.request_items;
        return out;
    };
    writer w(c, "t", {.max_stalled_calls = 3, .unprocessed_backoff = 0ms});
    for (int i = 0; i < 4; ++i)
        w.put_item(item(i));
    try {
        w.flush();
        FAIL("flush returned although nothing was ever processed");
    } catch (stratus::error const& e) {
        CHECK(e.info().code == stratus::errc::service_error);
        CHECK(e.info().operation == "BatchWriteItem");
        CHECK_THAT(e.info().message, Catch::Matchers::Contains("unprocessed 3 times"));
    }
    CHECK(c.s->calls.size() == 3);
    CHECK(w.pending() == 4);

    // Once the service takes them, flush() sends what stayed buffered.
    c.s->answer = nullptr;
    w.flush();
    CHECK(w.pending() == 0);
    REQUIRE(c.s->calls.size() == 4);
    CHECK(requests_of(c.s->calls[3]).size() == 4);
}

TEST_CASE("table batch writer: a failed call keeps its requests; the destructor's flush swallows its error")
{
    scripted_client c;
    c.s->answer = [](ddb::batch_write_item_input const&) -> stratus::result<ddb::batch_write_item_output> {
        auto e = stratus::make_error(stratus::errc::service_error, "throttled", "BatchWriteItem");
        e.aws_code = "ProvisionedThroughputExceededException";
        return e;
    };
    {
        writer w(c, "t");
        w.put_item(item(1));
        w.delete_item({{"pk", "a"}, {"sk", 2}});
        CHECK_THROWS_AS(w.flush(), stratus::service_error);
        CHECK(w.pending() == 2);
        CHECK(c.s->calls.size() == 1);
        CHECK(requests_of(c.s->calls[0]) == std::vector<std::string>{"put a/1/x", "del a/2"});
    } // must not throw
    CHECK(c.s->calls.size() == 2);

    // clear() drops the buffer: the destructor has nothing to send.
    {
        writer w(c, "t");
        w.put_item(item(1));
        w.clear();
    }
    CHECK(c.s->calls.size() == 2);
}

TEST_CASE("table batch writer: overwrite_by_pkeys keeps only the last request for a key")
{
    scripted_client c;
    {
        writer w(c, "t", {.overwrite_by_pkeys = {"pk", "sk"}});
        w.put_item(item(1, "first"));
        w.put_item(item(2, "first"));
        w.put_item(item(1, "second"));
        w.delete_item({{"pk", "a"}, {"sk", 2}});
        w.put_item({{"pk", "b"}, {"sk", 1}, {"v", "other pk"}});
        CHECK(w.pending() == 3);
    }
    REQUIRE(c.s->calls.size() == 1);
    CHECK(requests_of(c.s->calls[0]) ==
          std::vector<std::string>{"put a/1/second", "del a/2", "put b/1/other pk"});

    // Without it every request is sent.
    scripted_client plain;
    {
        writer w(plain, "t");
        w.put_item(item(1, "first"));
        w.put_item(item(1, "second"));
    }
    REQUIRE(plain.s->calls.size() == 1);
    CHECK(requests_of(plain.s->calls[0]).size() == 2);
}

TEST_CASE("table batch writer: an item or key without an overwrite_by_pkeys attribute is refused, naming it")
{
    scripted_client c;
    writer w(c, "t", {.overwrite_by_pkeys = {"pk", "sk"}});
    auto const put = refusal([&] { w.put_item({{"pk", "a"}, {"v", 1}}); });
    CHECK_THAT(put, Catch::Matchers::Contains("put_item") && Catch::Matchers::Contains("\"sk\"") &&
                        Catch::Matchers::Contains("overwrite_by_pkeys"));
    auto const del = refusal([&] { w.delete_item({{"sk", 1}}); });
    CHECK_THAT(del, Catch::Matchers::Contains("delete_item") && Catch::Matchers::Contains("\"pk\"") &&
                        Catch::Matchers::Contains("key lacks"));
    // A value DynamoDB cannot hold is refused before it is buffered.
    CHECK_THAT(refusal([&] { w.put_item({{"pk", "a"}, {"sk", 1}, {"s", std::set<std::string>{}}}); }),
               Catch::Matchers::Contains("cannot be empty"));
    CHECK(w.pending() == 0);
}
