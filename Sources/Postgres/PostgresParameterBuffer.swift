internal import CLibPQ

/// Statement parameters laid out the way libpq's prepare and execute calls take them:
/// one contiguous buffer of NUL-terminated values plus per-parameter lengths, formats and types.
struct PostgresParameterBuffer {
    /// The type OID of each parameter; 0 lets the server infer it.
    private(set) var types: [Oid] = []
    private var storage: [UInt8] = []
    private var offsets: [Int?] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []

    /// Encodes `parameters`.
    ///
    /// - Throws: ``PostgresError`` of kind `.encoding` for text containing NUL, which
    ///   libpq would silently truncate, or for a value over 2 GiB.
    init(_ parameters: [any PostgresEncodable]) throws {
        for (index, parameter) in parameters.enumerated() {
            types.append(type(of: parameter).postgresDataType?.rawValue ?? 0)
            switch parameter.postgresParameter {
            case .null:
                offsets.append(nil)
                lengths.append(0)
                formats.append(0)
            case .text(let text):
                guard !text.utf8.contains(0) else {
                    throw PostgresError(
                        kind: .encoding,
                        message: "parameter $\(index + 1) contains a NUL character, which PostgreSQL text cannot hold"
                    )
                }
                try append(text.utf8, format: 0, index: index)
            case .binary(let bytes):
                try append(bytes, format: 1, index: index)
            }
        }
    }

    private mutating func append(_ bytes: some Collection<UInt8>, format: Int32, index: Int) throws {
        guard let length = Int32(exactly: bytes.count) else {
            throw PostgresError(kind: .encoding, message: "parameter $\(index + 1) is too large")
        }
        offsets.append(storage.count)
        storage.append(contentsOf: bytes)
        storage.append(0)
        lengths.append(length)
        formats.append(format)
    }

    /// Prepares `sql` as statement `name` with these parameters' types.
    func prepare(name: String, sql: String, on connection: OpaquePointer) -> OpaquePointer? {
        PQprepare(connection, name, sql, Int32(types.count), types)
    }

    /// Executes prepared statement `name` with these parameters, asking for text results.
    func executePrepared(name: String, on connection: OpaquePointer) -> OpaquePointer? {
        storage.withUnsafeBufferPointer { storage in
            storage.withMemoryRebound(to: CChar.self) { characters in
                let values = offsets.map { offset in offset.flatMap { characters.baseAddress?.advanced(by: $0) } }
                return PQexecPrepared(connection, name, Int32(values.count), values, lengths, formats, 0)
            }
        }
    }
}
