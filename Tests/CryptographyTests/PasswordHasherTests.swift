import Cryptography
import Testing

struct PasswordHasherTests {
    @Test func scryptMatchesRFC7914VectorWithEmptyPasswordAndSalt() throws {
        let key = try PasswordHasher.scrypt(password: [], salt: [], n: 16, r: 1, p: 1, length: 64)
        #expect(Hex.encode(key) == "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
            + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
    }

    @Test func scryptMatchesRFC7914VectorForPasswordAndNaCl() throws {
        let key = try PasswordHasher.scrypt(
            password: bytes("password"), salt: bytes("NaCl"), n: 1024, r: 8, p: 16, length: 64
        )
        #expect(Hex.encode(key) == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
    }

    @Test func scryptMatchesRFC7914VectorForPleaseLetMeIn() throws {
        let key = try PasswordHasher.scrypt(
            password: bytes("pleaseletmein"), salt: bytes("SodiumChloride"), n: 16384, r: 8, p: 1, length: 64
        )
        #expect(Hex.encode(key) == "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
            + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887")
    }

    @Test func scryptRejectsCostThatIsNotAPowerOfTwo() {
        #expect(throws: CryptographyError.kdfFailed) {
            try PasswordHasher.scrypt(password: bytes("pw"), salt: bytes("salt"), n: 1000, r: 8, p: 1, length: 32)
        }
    }

    @Test func scryptRejectsParametersNeedingMoreThanTheMemoryCeiling() {
        #expect(throws: CryptographyError.kdfFailed) {
            try PasswordHasher.scrypt(password: bytes("pw"), salt: bytes("salt"), n: 1 << 20, r: 8, p: 1, length: 32)
        }
    }

    @Test func scryptRejectsNonPositiveLength() {
        #expect(throws: CryptographyError.malformedInput) {
            try PasswordHasher.scrypt(password: bytes("pw"), salt: bytes("salt"), n: 16, r: 1, p: 1, length: 0)
        }
    }

    @Test func hashIsSelfDescribingWithSixteenByteSaltAndThirtyTwoByteHash() throws {
        let encoded = PasswordHasher.hash(password: "correct horse battery staple")
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        try #require(fields.count == 4)
        #expect(fields[0] == "scrypt")
        #expect(fields[1] == "ln=15,r=8,p=1")
        #expect(Base64.decode(fields[2])?.count == 16)
        #expect(Base64.decode(fields[3])?.count == 32)
    }

    @Test func verifyAcceptsTheHashedPasswordAndRejectsOthers() {
        let encoded = PasswordHasher.hash(password: "correct horse battery staple")
        #expect(PasswordHasher.verify(password: "correct horse battery staple", against: encoded))
        #expect(!PasswordHasher.verify(password: "correct horse battery stapl", against: encoded))
        #expect(!PasswordHasher.verify(password: "", against: encoded))
    }

    @Test func hashingTheSamePasswordTwiceUsesDifferentSalts() {
        let first = PasswordHasher.hash(password: "hunter2")
        let second = PasswordHasher.hash(password: "hunter2")
        #expect(first != second)
        #expect(PasswordHasher.verify(password: "hunter2", against: first))
        #expect(PasswordHasher.verify(password: "hunter2", against: second))
    }

    @Test func verifyHonoursParametersStoredInTheEncodedString() throws {
        // RFC 7914 vector 2 (N = 2^10, r = 8, p = 16, 64-byte output) written in this module's format.
        let expected = try bytes(hex: "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
        let encoded = "scrypt$ln=10,r=8,p=16$\(Base64.encode(bytes("NaCl")))$\(Base64.encode(expected))"
        #expect(PasswordHasher.verify(password: "password", against: encoded))
        #expect(!PasswordHasher.verify(password: "Password", against: encoded))
    }

    static let malformedHashes = [
        "",
        "scrypt",
        "scrypt$ln=15,r=8,p=1$",
        "scrypt$ln=15,r=8,p=1$$",
        "bcrypt$ln=10,r=8,p=16$TmFDbA==$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$ln=10,r=8$TmFDbA==$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$r=8,ln=10,p=16$TmFDbA==$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$ln=ten,r=8,p=16$TmFDbA==$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$ln=0,r=8,p=16$TmFDbA==$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$ln=64,r=8,p=16$TmFDbA==$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$ln=10,r=0,p=16$TmFDbA==$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$ln=10,r=8,p=0$TmFDbA==$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$ln=10,r=8,p=-1$TmFDbA==$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$ln=30,r=8,p=1$TmFDbA==$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$ln=10,r=8,p=16$not base64!$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$ln=10,r=8,p=16$TmFDbA==$AAAA",
        "scrypt$ln=10,r=8,p=16$TmFDbA==$AAAAAAAAAAAAAAAAAAAAAA==$extra",
    ]

    @Test(arguments: malformedHashes)
    func verifyReturnsFalseForMalformedEncodedString(_ encoded: String) {
        #expect(!PasswordHasher.verify(password: "password", against: encoded))
    }

    @Test func verifyDummyCompletesForAnyPassword() {
        PasswordHasher.verifyDummy(password: "")
        PasswordHasher.verifyDummy(password: "some password")
    }
}
