// A private directory under the system temp dir, removed with everything in
// it when the test ends, so no test touches ~/.aws or another test's files.
#ifndef STRATUS_TEST_SUPPORT_TEMP_DIR_HPP
#define STRATUS_TEST_SUPPORT_TEMP_DIR_HPP

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <stdlib.h>

namespace stratus::test {

class temp_dir {
public:
    temp_dir()
    {
        auto pattern = (std::filesystem::temp_directory_path() / "stratus-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;
    ~temp_dir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }

    std::filesystem::path const& path() const noexcept { return path_; }
    std::string str(std::string_view relative = {}) const
    {
        return relative.empty() ? path_.string() : (path_ / relative).string();
    }

    /// Writes `text` to `relative` (creating folders); returns the full path.
    std::string write(std::string_view relative, std::string_view text, bool executable = false) const
    {
        auto p = path_ / relative;
        std::filesystem::create_directories(p.parent_path());
        {
            std::ofstream f(p, std::ios::binary | std::ios::trunc);
            f.write(text.data(), static_cast<std::streamsize>(text.size()));
            if (!f) throw std::runtime_error("cannot write " + p.string());
        }
        if (executable)
            std::filesystem::permissions(p, std::filesystem::perms::owner_all,
                                         std::filesystem::perm_options::add);
        return p.string();
    }

private:
    std::filesystem::path path_;
};

} // namespace stratus::test

#endif
