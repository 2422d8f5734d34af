extension Substring {
    /// The substring without leading and trailing spaces and tabs (scanned byte-wise: both are ASCII, so the
    /// cut points are always character boundaries).
    var trimmingSpacesAndTabs: Substring {
        let bytes = utf8
        let isBlank: (UInt8) -> Bool = { $0 == ASCII.space || $0 == ASCII.tab }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first..<bytes.index(after: last)]
    }
}
