// Every CBOR body in the rpc-v2-cbor protocol tests (the request bodies of
// protocols/input and the response bodies of protocols/output under
// $STRATUS_TESTDATA, else $STRATUS_TESTDATA_DEFAULT) must decode, and
// re-encoded with preferred serialization must mean the same thing:
// definite lengths, shortest heads and floats, keys in any order. Exits 77
// (skipped) when the test data is not there.
#include <stratus/detail/crypto.hpp>
#include <stratus/protocol/detail/cbor.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using namespace stratus::protocol::detail;

int main()
{
    fs::path root;
    for (char const* var : {"STRATUS_TESTDATA", "STRATUS_TESTDATA_DEFAULT"})
        if (char const* v = std::getenv(var); v && *v) {
            root = fs::path(v) / "protocols";
            break;
        }
    if (root.empty() || !fs::is_directory(root)) {
        std::cout << "SKIP: no protocol tests at '" << root.string()
                  << "' (set STRATUS_TESTDATA to the shared testdata directory)\n";
        return 77;
    }
    int checked = 0, failed = 0, files = 0;
    for (char const* dir : {"input", "output"}) {
        if (!fs::is_directory(root / dir)) continue;
        for (auto const& entry : fs::directory_iterator(root / dir)) {
            auto const name = entry.path().filename().string();
            if (!name.starts_with("smithy-rpc-v2-cbor") || entry.path().extension() != ".json") continue;
            ++files;
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            auto const suites = boost::json::parse(text.str());
            for (auto const& suite : suites.as_array())
                for (auto const& c : suite.at("cases").as_array()) {
                    auto const& where =
                        c.as_object().contains("serialized") ? c.at("serialized") : c.at("response");
                    auto const* body = where.as_object().if_contains("body");
                    if (!body || !body->is_string() || body->get_string().empty()) continue;
                    std::string const id = name + " " + std::string(c.at("id").as_string());
                    auto bytes = stratus::detail::base64_decode(body->get_string());
                    if (!bytes) {
                        std::cout << "FAIL " << id << ": the body is not base64\n";
                        ++failed;
                        continue;
                    }
                    ++checked;
                    if (auto bad = cbor_validate(*bytes)) {
                        std::cout << "FAIL " << id << ": " << bad->message() << "\n";
                        ++failed;
                        continue;
                    }
                    auto again = cbor_reencode(*bytes);
                    auto const before = cbor_diagnostic(*bytes, true);
                    auto const after = again ? cbor_diagnostic(*again, true) : std::nullopt;
                    if (!again || !before || !after || *before != *after || cbor_validate(*again)) {
                        std::cout << "FAIL " << id << ": re-encoded it means something else\n  "
                                  << before.value_or("?") << "\n  " << after.value_or("?") << "\n";
                        ++failed;
                        continue;
                    }
                    // Preferred serialization is a fixed point.
                    if (cbor_reencode(*again) != again) {
                        std::cout << "FAIL " << id << ": re-encoding is not stable\n";
                        ++failed;
                    }
                }
        }
    }
    if (files == 0) {
        std::cout << "SKIP: no smithy-rpc-v2-cbor*.json under " << root.string() << "\n";
        return 77;
    }
    std::cout << checked << " CBOR bodies in " << files << " files, " << failed << " failed\n";
    return failed == 0 && checked > 0 ? 0 : 1;
}
