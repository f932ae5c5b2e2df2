#include "sim/io/h5_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "sim/core/build_info.hpp"
#include "sim/core/errors.hpp"

namespace bb::h5 {

void attr_string(H5::H5Object& obj, const std::string& name, const std::string& value) {
    const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    H5::Attribute a = obj.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
    const char* c = value.c_str();
    a.write(type, &c);
}

void attr_strings(H5::H5Object& obj, const std::string& name,
                  const std::vector<std::string>& values) {
    const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    const hsize_t dims[1] = {values.size()};
    H5::Attribute a = obj.createAttribute(name, type, H5::DataSpace(1, dims));
    std::vector<const char*> ptrs;
    for (const auto& v : values) ptrs.push_back(v.c_str());
    if (!ptrs.empty()) a.write(type, ptrs.data());
}

H5::DSetCreatPropList dataset_props(hsize_t rows, hsize_t cols) {
    H5::DSetCreatPropList props;
    H5Pset_obj_track_times(props.getId(), 0);
    if (rows >= 4096) {
        const hsize_t chunk[2] = {std::min<hsize_t>(rows, 65536), cols};
        props.setChunk(cols > 1 ? 2 : 1, chunk);
        props.setShuffle();
        props.setDeflate(1);
    }
    return props;
}

namespace {

// Distinguishes temporary files of concurrent writes within one process (e.g. Python threads).
std::uint64_t next_temp_number() {
    static std::atomic<std::uint64_t> counter{0};
    return counter.fetch_add(1);
}

H5::FileAccPropList in_memory() {
    H5::FileAccPropList fapl;
    H5Pset_fapl_core(fapl.getId(), std::size_t{4} << 20, /*backing_store=*/0);
    return fapl;
}

// Writes `bytes` to `path` and syncs them to disk. Throws IoError naming `target` (and removes
// `path`) on failure.
void write_durably(const std::filesystem::path& path, const std::vector<char>& bytes,
                   const std::string& target) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw IoError("cannot write " + target + ": " + std::strerror(errno));
    std::size_t done = 0;
    int err = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            err = n < 0 ? errno : EIO;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    if (err == 0 && ::fsync(fd) != 0) err = errno;
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err != 0) {
        ::unlink(path.c_str());
        throw IoError("cannot write " + target + ": " + std::strerror(err));
    }
}

}  // namespace

Writer::Writer(const std::string& name)
    : file_(name, H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, in_memory()) {}

std::vector<char> Writer::image() {
    file_.flush(H5F_SCOPE_GLOBAL);
    const ssize_t size = H5Fget_file_image(file_.getId(), nullptr, 0);
    if (size < 0) throw H5::FileIException("H5Fget_file_image", "cannot size the file image");
    std::vector<char> bytes(static_cast<std::size_t>(size));
    if (H5Fget_file_image(file_.getId(), bytes.data(), bytes.size()) != size)
        throw H5::FileIException("H5Fget_file_image", "cannot copy the file image");
    return bytes;
}

void Writer::cube(H5::Group& g, const std::string& name, const std::vector<double>& data,
                  hsize_t d0, hsize_t d1, hsize_t d2, const std::string& unit,
                  const std::string& description, const std::vector<std::string>& col_ids) {
    const hsize_t dims[3] = {d0, d1, d2};
    H5::DSetCreatPropList props;
    H5Pset_obj_track_times(props.getId(), 0);
    if (d0 > 0 && d1 > 0 && d2 > 0) {
        const hsize_t chunk[3] = {1, d1, d2};  // one replication per chunk
        props.setChunk(3, chunk);
        props.setShuffle();
        props.setDeflate(1);
    }
    H5::DataSet ds =
        g.createDataSet(name, H5::PredType::NATIVE_DOUBLE, H5::DataSpace(3, dims), props);
    if (!data.empty()) ds.write(data.data(), H5::PredType::NATIVE_DOUBLE);
    annotate(ds, unit, description, {});
    if (!col_ids.empty()) attr_strings(ds, "columns", col_ids);
}

void Writer::strings(H5::Group& g, const std::string& name, const std::vector<std::string>& values,
                     const std::string& description) {
    const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    const hsize_t dims[1] = {values.size()};
    H5::DataSet ds = g.createDataSet(name, type, H5::DataSpace(1, dims), dataset_props(0, 1));
    std::vector<const char*> ptrs;
    for (const auto& v : values) ptrs.push_back(v.c_str());
    if (!ptrs.empty()) ds.write(ptrs.data(), type);
    annotate(ds, "", description, {});
}

void Writer::text(H5::Group& g, const std::string& name, const std::string& value,
                  const std::string& description) {
    const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    H5::DataSet ds = g.createDataSet(name, type, H5::DataSpace(H5S_SCALAR), dataset_props(0, 1));
    const char* c = value.c_str();
    ds.write(&c, type);
    annotate(ds, "", description, {});
}

void Writer::annotate(H5::DataSet& ds, const std::string& unit, const std::string& description,
                      const std::vector<std::string>& label_ids) {
    attr_string(ds, "unit", unit);
    attr_string(ds, "description", description);
    if (!label_ids.empty()) attr_strings(ds, "labels", label_ids);
}

void write_atomically(const std::string& path, const std::function<void(Writer&)>& fill) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path tmp = target.parent_path() /
                         (target.filename().string() + ".partial-" + std::to_string(::getpid()) +
                          "-" + std::to_string(next_temp_number()));
    try {
        H5::Exception::dontPrint();
        std::vector<char> image;
        {
            Writer w(tmp.string());
            fill(w);
            image = w.image();
        }
        write_durably(tmp, image, path);
        fs::rename(tmp, target);
    } catch (const H5::Exception& e) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw IoError("cannot write " + path + ": " + e.getDetailMsg());
    } catch (const fs::filesystem_error& e) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw IoError("cannot write " + path + ": " + e.what());
    }
}

std::string utc_now() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

void attr_build_info(H5::H5Object& g) {
    const BuildInfo& b = build_info();
    attr_string(g, "engine_version", b.engine_version);
    attr_string(g, "git_revision", b.git_revision);
    attr_string(g, "build_type", b.build_type);
    attr_string(g, "compiler", b.compiler);
    attr_string(g, "platform", b.platform);
}

bool has_attr(const H5::H5Object& obj, const std::string& name) { return obj.attrExists(name); }

std::string read_attr_string(const H5::H5Object& obj, const std::string& name) {
    const H5::Attribute a = obj.openAttribute(name);
    std::string value;
    a.read(a.getStrType(), value);
    return value;
}

std::int64_t read_attr_int(const H5::H5Object& obj, const std::string& name) {
    const H5::Attribute a = obj.openAttribute(name);
    std::int64_t value = 0;
    a.read(H5::PredType::NATIVE_INT64, &value);
    return value;
}

namespace {
template <typename T>
std::vector<T> read_all(const H5::Group& g, const std::string& name) {
    const H5::DataSet ds = g.openDataSet(name);
    const H5::DataSpace space = ds.getSpace();
    std::vector<T> out(static_cast<std::size_t>(space.getSimpleExtentNpoints()));
    if (!out.empty()) ds.read(out.data(), type_of<T>());
    return out;
}
}  // namespace

std::vector<double> read_doubles(const H5::Group& g, const std::string& name) {
    return read_all<double>(g, name);
}

std::vector<std::uint8_t> read_bytes(const H5::Group& g, const std::string& name) {
    return read_all<std::uint8_t>(g, name);
}

std::string read_text(const H5::Group& g, const std::string& name) {
    const H5::DataSet ds = g.openDataSet(name);
    std::string value;
    ds.read(value, ds.getStrType());
    return value;
}

}  // namespace bb::h5
