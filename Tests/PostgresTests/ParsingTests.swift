import Foundation
import Postgres
import Testing

/// Text parsing that needs no server.
@Suite("Parsing")
struct ParsingTests {
    @Test("timestamp text parsing")
    func timestampParsing() throws {
        let base = Date(timeIntervalSince1970: 1_736_937_000)
        #expect(Date(postgresText: "2025-01-15 10:30:00+00") == base)
        #expect(Date(postgresText: "2025-01-15T10:30:00Z") == base)
        #expect(Date(postgresText: "2025-01-15 16:00:00+05:30") == base)
        #expect(Date(postgresText: "2025-01-15 10:30:00.5+00") == base.addingTimeInterval(0.5))
        #expect(Date(postgresText: "1970-01-01 00:53:28+00:53:28") == Date(timeIntervalSince1970: 0))
        #expect(Date(postgresText: "0001-12-31 00:00:00+00 BC") == Date(postgresText: "0000-12-31 00:00:00+00"))
        for garbage in ["", "yesterday", "2025-13-01 00:00:00+00", "2025-01-15 10:30", "2025-01-15 10:30:00+", "2025-01-15x"] {
            #expect(Date(postgresText: garbage) == nil, "\(garbage)")
        }
    }

    @Test("UUID text parsing")
    func uuidParsing() throws {
        let expected = try #require(UUID(uuidString: "123E4567-E89B-12D3-A456-426614174000"))
        #expect(UUID(postgresText: "123e4567-e89b-12d3-a456-426614174000") == expected)
        #expect(UUID(postgresText: "123E4567-E89B-12D3-A456-426614174000") == expected)
        for _ in 0..<100 {
            let random = UUID()
            #expect(UUID(postgresText: random.uuidString.lowercased()) == random)
        }
        for malformed in ["", "123e4567-e89b-12d3-a456-42661417400", "123e4567-e89b-12d3-a456-4266141740000",
                          "123e4567e89b-12d3-a456-4266141740000", "123e4567-e89b-12d3-a456-42661417400g",
                          "123e4567-e89b-12d3-a456_426614174000", "{123e4567-e89b-12d3-a456-426614174000}"] {
            #expect(UUID(postgresText: malformed) == nil, "\(malformed)")
        }
    }

    @Test("array literal parsing")
    func arrayLiteralParsing() {
        #expect([String](postgresText: "{a,b}") == ["a", "b"])
        #expect([String](postgresText: #"{ a , "b c" ,\"x}"#) == ["a", "b c", "\"x"])
        #expect([String](postgresText: "[0:1]={x,y}") == ["x", "y"])
        #expect([String?](postgresText: #"{NULL,"NULL",\NULL}"#) == [nil, "NULL", "NULL"])
        #expect([Int](postgresText: "{1,-2,3}") == [1, -2, 3])
        for malformed in ["", "{", "{a", "{a,}", "{{1,2},{3,4}}", "{a}x", #"{"open}"#, "a,b"] {
            #expect([String](postgresText: malformed) == nil, "\(malformed)")
        }
        #expect([UInt8](postgresText: "\\x0") == nil)
        #expect([UInt8](postgresText: "\\xzz") == nil)
    }
}
