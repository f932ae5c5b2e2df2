// Shared HDF5 plumbing for Buurtbereik's result files (runs and studies): an in-memory file
// writer with annotated datasets, and the atomic write of its image to disk, plus the few readers
// that resuming a study needs. Every dataset carries `unit` and `description` attributes;
// enum-coded columns carry `labels`, matrices carry `columns`.
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/core/ids.hpp"

namespace bb::h5 {

template <typename T>
H5::PredType type_of() {
    if constexpr (std::is_same_v<T, double>) return H5::PredType::NATIVE_DOUBLE;
    if constexpr (std::is_same_v<T, float>) return H5::PredType::NATIVE_FLOAT;
    if constexpr (std::is_same_v<T, std::int64_t>) return H5::PredType::NATIVE_INT64;
    if constexpr (std::is_same_v<T, std::int32_t>) return H5::PredType::NATIVE_INT32;
    if constexpr (std::is_same_v<T, std::int16_t>) return H5::PredType::NATIVE_INT16;
    if constexpr (std::is_same_v<T, std::uint16_t>) return H5::PredType::NATIVE_UINT16;
    if constexpr (std::is_same_v<T, std::uint8_t>) return H5::PredType::NATIVE_UINT8;
    if constexpr (std::is_same_v<T, std::uint64_t>) return H5::PredType::NATIVE_UINT64;
}

void attr_string(H5::H5Object& obj, const std::string& name, const std::string& value);
void attr_strings(H5::H5Object& obj, const std::string& name,
                  const std::vector<std::string>& values);

template <typename T>
void attr_scalar(H5::H5Object& obj, const std::string& name, T value) {
    H5::Attribute a = obj.createAttribute(name, type_of<T>(), H5::DataSpace(H5S_SCALAR));
    a.write(type_of<T>(), &value);
}

template <typename E>
std::vector<std::string> labels() {
    return {EnumIds<E>::ids.begin(), EnumIds<E>::ids.end()};
}

// Dataset creation without timestamps (so that identical content gives identical objects),
// chunked, shuffled and compressed when large.
H5::DSetCreatPropList dataset_props(hsize_t rows, hsize_t cols);

// A file built in memory (HDF5's core driver, no backing store): HDF5 itself never does disk
// I/O, so a full disk is an ordinary write error in write_atomically().
class Writer {
  public:
    explicit Writer(const std::string& name);
    H5::H5File& file() { return file_; }
    H5::Group root() { return file_.openGroup("/"); }
    H5::Group group(const std::string& name) { return file_.createGroup(name); }
    // The complete file's bytes.
    std::vector<char> image();

    template <typename T>
    void column(H5::Group& g, const std::string& name, const std::vector<T>& data,
                const std::string& unit, const std::string& description,
                const std::vector<std::string>& label_ids = {}) {
        const hsize_t dims[1] = {data.size()};
        H5::DataSet ds = g.createDataSet(name, type_of<T>(), H5::DataSpace(1, dims),
                                         dataset_props(data.size(), 1));
        if (!data.empty()) ds.write(data.data(), type_of<T>());
        annotate(ds, unit, description, label_ids);
    }

    // A rows x cols matrix, row-major.
    template <typename T>
    void matrix(H5::Group& g, const std::string& name, const std::vector<T>& data, hsize_t cols,
                const std::string& unit, const std::string& description,
                const std::vector<std::string>& col_ids) {
        const hsize_t dims[2] = {cols ? data.size() / cols : 0, cols};
        H5::DataSet ds = g.createDataSet(name, type_of<T>(), H5::DataSpace(2, dims),
                                         dataset_props(dims[0], cols));
        if (!data.empty()) ds.write(data.data(), type_of<T>());
        annotate(ds, unit, description, {});
        if (!col_ids.empty()) attr_strings(ds, "columns", col_ids);
    }

    // A d0 x d1 x d2 array, row-major.
    void cube(H5::Group& g, const std::string& name, const std::vector<double>& data, hsize_t d0,
              hsize_t d1, hsize_t d2, const std::string& unit, const std::string& description,
              const std::vector<std::string>& col_ids);

    void strings(H5::Group& g, const std::string& name, const std::vector<std::string>& values,
                 const std::string& description);
    void text(H5::Group& g, const std::string& name, const std::string& value,
              const std::string& description);

  private:
    static void annotate(H5::DataSet& ds, const std::string& unit, const std::string& description,
                         const std::vector<std::string>& label_ids);
    H5::H5File file_;
};

// Builds a file with `fill` and writes it to `path` atomically: the image goes to a temporary
// file in the same folder, is fsynced and renamed into place. On any failure no file is left at
// `path` (an older file there stays untouched) and IoError is thrown naming `path`.
void write_atomically(const std::string& path, const std::function<void(Writer&)>& fill);

// The current UTC time as ISO 8601 (for provenance).
std::string utc_now();

// The build's provenance as attributes of `g`: engine_version, git_revision, build_type, compiler,
// platform (the same in run and study files).
void attr_build_info(H5::H5Object& g);

// Reading back (for resume and checks). Each throws IoError naming `what` on failure.
std::string read_attr_string(const H5::H5Object& obj, const std::string& name);
std::int64_t read_attr_int(const H5::H5Object& obj, const std::string& name);
bool has_attr(const H5::H5Object& obj, const std::string& name);
std::vector<double> read_doubles(const H5::Group& g, const std::string& name);
std::vector<std::uint8_t> read_bytes(const H5::Group& g, const std::string& name);
std::string read_text(const H5::Group& g, const std::string& name);

}  // namespace bb::h5
