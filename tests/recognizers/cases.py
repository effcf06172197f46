"""Hand-written cases for every entity type: found (exact spans) and look-alikes.

POSITIVES[type] are marked-up texts (see `piiscan.testing.markup`): every marked value
must be reported with exactly that type and those offsets. NEGATIVES[type] are texts in
which that type must not be reported at all: look-alikes of the value.
"""

POSITIVES: dict[str, list[str]] = {
    "BANK_ACCOUNT_NUMBER": [
        "Please deposit it into checking account number [[BANK_ACCOUNT_NUMBER:0123456789]].",
        "Acct no. [[BANK_ACCOUNT_NUMBER:4400987612]] at First National.",
        "My savings account is [[BANK_ACCOUNT_NUMBER:000123456789]].",
        "The bank account ending in [[BANK_ACCOUNT_NUMBER:4321]] was overdrawn.",
        "Beneficiary account: [[BANK_ACCOUNT_NUMBER:98765432101]]",
        "Transfer to account [[BANK_ACCOUNT_NUMBER:XXXXXX1111]] is pending.",
    ],
    "BANK_ROUTING": [
        "Routing number [[BANK_ROUTING:111000025]] for direct deposit.",
        "ABA: [[BANK_ROUTING:021000021]]",
        "Our bank's routing number is [[BANK_ROUTING:026009593]].",
        "Wire routing no. [[BANK_ROUTING:121000358]] please.",
        "Use routing [[BANK_ROUTING:XXXXX0025]] on the form.",
        "routing transit number [[BANK_ROUTING:011000015]]",
    ],
    "CREDIT_DEBIT_NUMBER": [
        "Visa [[CREDIT_DEBIT_NUMBER:4111 1111 1111 1111]] was declined.",
        "card number: [[CREDIT_DEBIT_NUMBER:5500-0000-0000-0004]]",
        "Amex [[CREDIT_DEBIT_NUMBER:3782 822463 10005]] on file.",
        "Charge [[CREDIT_DEBIT_NUMBER:6011111111111117]] today.",
        "your credit card account [[CREDIT_DEBIT_NUMBER:1111-0000-1111-0000]] was mailed",
        "credit card account [[CREDIT_DEBIT_NUMBER:1111-XXXX-1111-XXXX]] has a balance",
    ],
    "CREDIT_DEBIT_CVV": [
        "CVV: [[CREDIT_DEBIT_CVV:123]]",
        "The CVV2 is [[CREDIT_DEBIT_CVV:987]].",
        "security code [[CREDIT_DEBIT_CVV:4021]] on the front of the Amex",
        "CVC [[CREDIT_DEBIT_CVV:555]], expiry next year",
        "card verification value: [[CREDIT_DEBIT_CVV:314]]",
    ],
    "CREDIT_DEBIT_EXPIRY": [
        "Card expires [[CREDIT_DEBIT_EXPIRY:09/27]].",
        "exp [[CREDIT_DEBIT_EXPIRY:01/2029]]",
        "Expiration date: [[CREDIT_DEBIT_EXPIRY:12/26]]",
        "valid thru [[CREDIT_DEBIT_EXPIRY:Jan 2028]]",
        "expiry [[CREDIT_DEBIT_EXPIRY:03-30]] and CVV 123",
    ],
    "PIN": [
        "My PIN is [[PIN:4921]].",
        "PIN: [[PIN:0007]]",
        "ATM pin [[PIN:8812]] please change it",
        "new PIN number [[PIN:3141]] was set",
        "the card PIN [[PIN:2718]] is required",
    ],
    "EMAIL": [
        "Dear Paulo, please email your feedback for AnyCafe at [[EMAIL:anycafe@mail.com]].",
        "Contact: [[EMAIL:marymajor@example.com]]",
        "cc [[EMAIL:first.last+tag@sub.example.co.uk]] on it",
        "<[[EMAIL:jane_doe99@example.org]]>",
        "Write to [[EMAIL:josé.núñez@ejemplo.es]] today.",
    ],
    "ADDRESS": [
        "mailed to [[ADDRESS:123 Any Street, Seattle, WA 98109]].",
        "Ship to [[ADDRESS:4500 N Lake Shore Dr Apt 12B, Chicago, IL 60640-1234]] please.",
        "Address: [[ADDRESS:P.O. Box 4521, Springfield, IL 62704]]",
        "He lives at [[ADDRESS:77 Massachusetts Avenue\\nCambridge, MA 02139]].",
        "Send it to [[ADDRESS:10 Downing Street, London SW1A 2AA]].",
        "Our office: [[ADDRESS:350 Fifth Avenue, Suite 3300, New York, NY 10118]]",
    ],
    "NAME": [
        "Hello [[NAME:Zhang Wei]], I am [[NAME:John]].",
        "Dr. [[NAME:Jane Doe]] will see you now.",
        "My name is [[NAME:Maria Garcia]].",
        "Sincerely,\\n[[NAME:Robert J. Smith]]",
        "Please ask [[NAME:Priya Patel]] to call back.",
        "Dear Mr. [[NAME:Smith]],",
    ],
    "PHONE": [
        "Call Alice at [[PHONE:(206) 555-0100]].",
        "Telephone [[PHONE:1-877-527-2703]]",
        "mobile: [[PHONE:+44 20 7946 0958]]",
        "fax [[PHONE:415.555.2671]] any time",
        "Reach me on [[PHONE:+1 (415) 555-2671 ext. 123]] tomorrow.",
        "Ring the London office on [[PHONE:020 7946 0958]].",
    ],
    "SSN": [
        "SSN [[SSN:212-67-4013]] on file",
        "Social Security Number: [[SSN:536-90-4399]]",
        "my social security number is [[SSN:078 05 1121]]",
        "SSN: [[SSN:123456789]]",
        "the last four of your SSN: [[SSN:4399]]",
    ],
    "DATE_TIME": [
        "minimum payment of $24.53 that is due by [[DATE_TIME:July 31st]].",
        "Born on [[DATE_TIME:January 19, 2020]].",
        "The meeting is at [[DATE_TIME:11 am]].",
        "Logged at [[DATE_TIME:2024-07-31T10:15:00Z]].",
        "Popular in [[DATE_TIME:the 1990s]].",
        "DOB [[DATE_TIME:07/31/1984]]",
        "See you [[DATE_TIME:next Tuesday at 5pm]].",
    ],
    "PASSPORT_NUMBER": [
        "Passport number [[PASSPORT_NUMBER:C03005988]].",
        "passport no. [[PASSPORT_NUMBER:123456789]]",
        "My US passport: [[PASSPORT_NUMBER:X12345678]]",
        "Passport # [[PASSPORT_NUMBER:A1234567]] expires soon.",
        "travel document [[PASSPORT_NUMBER:987654321]] was issued",
    ],
    "DRIVER_ID": [
        "Driver's license [[DRIVER_ID:D1234567]].",
        "DL number: [[DRIVER_ID:S123-4567-8901]]",
        "My driver license number is [[DRIVER_ID:F162823540116]]",
        "driving licence [[DRIVER_ID:MORGA753116SM9IJ]] was renewed",
        "License no. [[DRIVER_ID:A9876543]] (Class C)",
    ],
    "URL": [
        "Visit [[URL:www.example.com]] today.",
        "See [[URL:https://example.com/a?b=1]], or write to us.",
        "Online Banking [[URL:HowardBank.com]]  Telephone 1-877-527-2703",
        "docs at [[URL:http://www.GreenScrapbooking.dk/]]",
        "link: [[URL:ftp://files.example.org/pub/file.tar.gz]]",
    ],
    "AGE": [
        "I am [[AGE:40 years]] old.",
        "the patient, aged [[AGE:67]], reports pain",
        "This [[AGE:33 year]] old female complains of stomach pain",
        "Age: [[AGE:45]]",
        "a [[AGE:3-year]]-old boy",
    ],
    "USERNAME": [
        "user: [[USERNAME:jdoe_1984]]",
        "My username is [[USERNAME:mary.major42]].",
        "login = [[USERNAME:admin_ops]]",
        "follow [[USERNAME:@privacy_team]] for news",
        "Screen name: [[USERNAME:NightOwl77]]",
    ],
    "PASSWORD": [
        "password: [[PASSWORD:*very20special#pass*]]",
        "pwd=[[PASSWORD:hunter2]]",
        "The passcode is [[PASSWORD:Tr0ub4dor&3]].",
        "my password is [[PASSWORD:s3cr3t!]]",
        "Password => [[PASSWORD:correct-horse-battery-staple]]",
    ],
    "AWS_ACCESS_KEY": [
        "aws_access_key_id = [[AWS_ACCESS_KEY:AKIAIOSFODNN7EXAMPLE]]",
        "key [[AWS_ACCESS_KEY:ASIAY34FZKBOKMUTVV7A]] was rotated",
        "AccessKeyId: [[AWS_ACCESS_KEY:AKIA2E0A8F3B244C9986]]",
        "export AWS_ACCESS_KEY_ID=[[AWS_ACCESS_KEY:AKIAJ2KLMNOP3QRSTUVW]]",
        "\"[[AWS_ACCESS_KEY:AKIAZZZZZZZZZZZZZZZZ]]\"",
    ],
    "AWS_SECRET_KEY": [
        "aws_secret_access_key = [[AWS_SECRET_KEY:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY]]",
        "secret: [[AWS_SECRET_KEY:je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY]]",
        "SecretAccessKey [[AWS_SECRET_KEY:Ab3dEf7hIjKlMn0pQrStUvWxYz1234567890AbCd]]",
        "export AWS_SECRET_ACCESS_KEY=[[AWS_SECRET_KEY:9drTJvcXLB89EXAMPLEKEY/LbNvSh1P0UzrHIvr+]]",
        "the key is [[AWS_SECRET_KEY:gH8/kLmN0pQrStUv+WxYz1a2B3c4D5e6F7g8H9iJ]]",
    ],
    "IP_ADDRESS": [
        "from [[IP_ADDRESS:198.51.100.14]] at noon",
        "host [[IP_ADDRESS:2001:db8::8a2e:370:7334]] is up",
        "IP: [[IP_ADDRESS:10.0.0.1]]",
        "client [[IP_ADDRESS:255.255.255.255]] blocked",
        "server [[IP_ADDRESS:::1]] replied",
    ],
    "MAC_ADDRESS": [
        "NIC [[MAC_ADDRESS:00:1B:44:11:3A:B7]]",
        "MAC address [[MAC_ADDRESS:00-1b-44-11-3a-b7]] is allowed",
        "hwaddr [[MAC_ADDRESS:a4:5e:60:e8:9b:01]]",
        "device [[MAC_ADDRESS:0050.56c0.0001]] joined",
        "BSSID: [[MAC_ADDRESS:F0:9F:C2:12:34:56]]",
    ],
    "LICENSE_PLATE": [
        "license plate [[LICENSE_PLATE:7ABC123]]",
        "Plate number: [[LICENSE_PLATE:ABC-1234]]",
        "a car with plate [[LICENSE_PLATE:AB12 CDE]] was towed",
        "registration number [[LICENSE_PLATE:KA01AB1234]]",
        "License plate: [[LICENSE_PLATE:6TRJ244]]",
    ],
    "VEHICLE_IDENTIFICATION_NUMBER": [
        "VIN [[VEHICLE_IDENTIFICATION_NUMBER:1HGCM82633A004352]]",
        "vehicle identification number: [[VEHICLE_IDENTIFICATION_NUMBER:1M8GDM9AXKP042788]]",
        "chassis [[VEHICLE_IDENTIFICATION_NUMBER:WVWZZZ1JZXW000001]] imported",
        "The car's VIN is [[VEHICLE_IDENTIFICATION_NUMBER:5YJ3E1EA7KF317000]].",
        "[[VEHICLE_IDENTIFICATION_NUMBER:JH4KA7561PC008269]] was recalled",
    ],
    "UK_NATIONAL_INSURANCE_NUMBER": [
        "NI number [[UK_NATIONAL_INSURANCE_NUMBER:AB 12 34 56 C]]",
        "National Insurance: [[UK_NATIONAL_INSURANCE_NUMBER:JG123456C]]",
        "nino [[UK_NATIONAL_INSURANCE_NUMBER:SN882024B]] on the payslip",
        "[[UK_NATIONAL_INSURANCE_NUMBER:CE-12-34-56-D]] was updated",
        "my NI no is [[UK_NATIONAL_INSURANCE_NUMBER:PR 99 01 23 A]].",
    ],
    "CA_SOCIAL_INSURANCE_NUMBER": [
        "SIN [[CA_SOCIAL_INSURANCE_NUMBER:130-692-544]]",
        "social insurance number: [[CA_SOCIAL_INSURANCE_NUMBER:046 454 286]]",
        "my SIN is [[CA_SOCIAL_INSURANCE_NUMBER:130692544]]",
        "SIN [[CA_SOCIAL_INSURANCE_NUMBER:130-692-545]] was mistyped",
        "[[CA_SOCIAL_INSURANCE_NUMBER:193 456 787]] (social insurance)",
    ],
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER": [
        "ITIN [[US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER:912-78-1234]]",
        "my ITIN is [[US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER:900-70-0000]]",
        "taxpayer identification number [[US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER:930-52-9375]]",
        "[[US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER:999 88 7777]] on the W-7",
        "ITIN: [[US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER:987654321]]",
    ],
    "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER": [
        "UTR [[UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER:1955839661]]",
        "Unique Taxpayer Reference: [[UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER:8646573766]]",
        "my UTR is [[UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER:19558 39661]].",
        "HMRC self assessment [[UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER:8112323014]]",
        "tax reference [[UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER:4271620169]] was sent",
    ],
    "IN_PERMANENT_ACCOUNT_NUMBER": [
        "PAN [[IN_PERMANENT_ACCOUNT_NUMBER:ACUPA7085R]]",
        "PAN card: [[IN_PERMANENT_ACCOUNT_NUMBER:AAAPL1234C]]",
        "permanent account number [[IN_PERMANENT_ACCOUNT_NUMBER:BNZPM2501F]]",
        "[[IN_PERMANENT_ACCOUNT_NUMBER:AABCT3518Q]] is the company PAN",
        "my pan is [[IN_PERMANENT_ACCOUNT_NUMBER:ABCPD1234E]].",
    ],
    "IN_NREGA": [
        "job card [[IN_NREGA:RJ12345678901234]]",
        "NREGA [[IN_NREGA:UP09876543210987]] renewed",
        "MGNREGA job card number: [[IN_NREGA:MH-12-345-678-901/234]]",
        "[[IN_NREGA:KA01234567890123]] (NREGA)",
        "My jobcard is [[IN_NREGA:TN11122233344455]].",
    ],
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER": [
        "IBAN [[INTERNATIONAL_BANK_ACCOUNT_NUMBER:GB82 WEST 1234 5698 7654 32]].",
        "pay to [[INTERNATIONAL_BANK_ACCOUNT_NUMBER:DE89370400440532013000]]",
        "IBAN: [[INTERNATIONAL_BANK_ACCOUNT_NUMBER:FR14 2004 1010 0505 0001 3M02 606]]",
        "[[INTERNATIONAL_BANK_ACCOUNT_NUMBER:NL91ABNA0417164300]] for refunds",
        "account [[INTERNATIONAL_BANK_ACCOUNT_NUMBER:CH93 0076 2011 6238 5295 7]] in Zurich",
    ],
    "SWIFT_CODE": [
        "SWIFT: [[SWIFT_CODE:DEUTDEFF500]]",
        "BIC [[SWIFT_CODE:NEDSZAJJXXX]] for the wire",
        "swift code [[SWIFT_CODE:BOFAUS3N]]",
        "use [[SWIFT_CODE:CHASUS33]] (SWIFT/BIC)",
        "the BIC is [[SWIFT_CODE:HSBCGB2L]].",
    ],
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER": [
        "NHS number [[UK_NATIONAL_HEALTH_SERVICE_NUMBER:943 476 5870]]",
        "NHS no. [[UK_NATIONAL_HEALTH_SERVICE_NUMBER:9434765919]]",
        "my NHS number is [[UK_NATIONAL_HEALTH_SERVICE_NUMBER:485 777 3456]]",
        "National Health Service number: [[UK_NATIONAL_HEALTH_SERVICE_NUMBER:401-023-2137]]",
        "NHS [[UK_NATIONAL_HEALTH_SERVICE_NUMBER:450 557 7104]] referral",
    ],
    "CA_HEALTH_NUMBER": [
        "OHIP health card [[CA_HEALTH_NUMBER:1234 567 890]]",
        "health card number: [[CA_HEALTH_NUMBER:9876-543-210-AB]]",
        "my OHIP is [[CA_HEALTH_NUMBER:4567890123]]",
        "RAMQ [[CA_HEALTH_NUMBER:ABCD 1234 5678]]",
        "Personal Health Number (PHN) [[CA_HEALTH_NUMBER:9123 456 789]]",
    ],
    "IN_AADHAAR": [
        "Aadhaar [[IN_AADHAAR:2341 2341 2346]]",
        "my aadhaar number is [[IN_AADHAAR:234123412346]]",
        "UIDAI [[IN_AADHAAR:2838-9813-6711]] linked",
        "Aadhaar no: [[IN_AADHAAR:9462 9285 8788]]",
        "[[IN_AADHAAR:2618 1708 3004]] (aadhaar)",
    ],
    "IN_VOTER_NUMBER": [
        "voter ID [[IN_VOTER_NUMBER:WKH1186253]]",
        "EPIC number: [[IN_VOTER_NUMBER:CZS0224337]]",
        "my voter card is [[IN_VOTER_NUMBER:SER8938631]]",
        "Election Commission EPIC [[IN_VOTER_NUMBER:ZVB7631120]]",
        "[[IN_VOTER_NUMBER:ABC1234566]] is my voter id",
    ],
}

NEGATIVES: dict[str, list[str]] = {
    "BANK_ACCOUNT_NUMBER": [
        "The population was 0123456789 in the old census table.",
        "order 4400987612 shipped", "tracking 000123456789 delivered",
        "invoice number 98765432101 is overdue", "timestamp 1718000000123 logged",
    ],
    "BANK_ROUTING": [
        "there were 111000025 visitors", "order 021000021 shipped", "ticket 026009593 closed",
        "zip code 98109-1234", "part number 121000358",
    ],
    "CREDIT_DEBIT_NUMBER": [
        "order 4111 1111 1111 1112 shipped", "tracking 1234567890123456",
        "invoice 5500000000000005 paid", "ISBN 978-3-16-148410-0",
        "serial 4012-8888-8888-1882 is a part number",
    ],
    "CREDIT_DEBIT_CVV": [
        "room 123", "CVS pharmacy at 123 Main", "code 4021 was sent",
        "version 555 released", "I scored 314 points",
    ],
    "CREDIT_DEBIT_EXPIRY": [
        "ratio 09/27", "pages 12/26", "the 01/2029 budget report", "Jan 2028 newsletter",
        "experience 03-30 minutes",
    ],
    "PIN": [
        "spinning 4921 times", "pinned 0007 posts", "PINE 8812 street", "the year 3141",
        "pinpoint 2718 locations",
    ],
    "EMAIL": [
        "follow @anycafe on social media", "user@localhost", "email me at jane at example dot com",
        "@decorator and a@b", "file name_report@2x.png",
    ],
    "ADDRESS": [
        "We sold 123 Any items in Seattle last year.", "Seattle is rainy.",
        "The 2020 Street Fair was fun.", "chapter 12 Lake views", "I read 3 Street Fighter reviews.",
    ],
    "NAME": [
        "Tube Snake Boogie topped the New York charts in March.",
        "The United States Postal Service delivers on Monday.",
        "Microsoft Word and Google Docs both work.",
        "AnyCompany Financial Services, LLC sent a letter.",
        "She lives on Jane Doe Street.",
    ],
    "PHONE": [
        "logged at 2024-07-31 10:15:00", "build 550e8400-e29b-41d4-a716-446655440000",
        "version 12.4.5678", "score 3-1 and 10-2", "price $1,234,567.89",
    ],
    "SSN": [
        "ticket 666-12-3456", "order 000-12-3456", "phone 212-555-0100",
        "part 123-45-678", "the date 2024-07-31",
    ],
    "DATE_TIME": [
        "version 1.2.3, price $19.99, score 3-1, host 10.0.0.1",
        "ratio 3:1 and 16:9", "call 555-0100", "chapter 12.3", "item 13/13/2024",
    ],
    "PASSPORT_NUMBER": [
        "part C03005988", "order 123456789", "model X12345678",
        "ticket A1234567", "serial 987654321",
    ],
    "DRIVER_ID": [
        "duplicate D1234567", "order S123-4567-8901", "SKU F162823540116",
        "see pages 237-423 of the manual", "model A9876543",
    ],
    "URL": [
        "run setup.py and read notes.txt", "e.g. this", "version 1.2.3",
        "see Fig.3 and Table.2", "jane@example.com",
    ],
    "AGE": [
        "the bond matures in 40 years", "aged cheese", "the 33 year lease",
        "10 years of experience", "page 45",
    ],
    "USERNAME": [
        "the username is required", "mail jdoe@example.com", "@property\ndef x(self): pass",
        "user interface", "login failed",
    ],
    "PASSWORD": [
        "the password is required", "forgot password?", "password reset link",
        "passwords must match", "password policy: strong",
    ],
    "AWS_ACCESS_KEY": [
        "AKIAIOSFODNN7EXAMPLE1234", "AKIA1234", "akiaiosfodnn7example",
        "XKIAIOSFODNN7EXAMPLE", "the AKIA prefix",
    ],
    "AWS_SECRET_KEY": [
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN",
        "short Ab3dEf7hIjKl",
    ],
    "IP_ADDRESS": [
        "version 1.2.3.4", "at 10:15:00", "300.1.1.1", "1.2.3", "section 4.5.6.7.8",
    ],
    "MAC_ADDRESS": [
        "at 10:15:00:12", "00:1B:44:11:3A", "ratio 1:2:3:4:5:6", "GG:HH:II:JJ:KK:LL",
        "time 12-34-56",
    ],
    "LICENSE_PLATE": [
        "model 7ABC123", "order ABC-1234", "HELLO WORLD", "ABC1234XYZ9", "code AB12 CDE",
    ],
    "VEHICLE_IDENTIFICATION_NUMBER": [
        "id 1HGCM82634A004352", "hash 0123456789ABCDEFG", "1HGCM82633A00435",
        "ABCDEFGHJKLMNPRST", "serial 11111111111111111",
    ],
    "UK_NATIONAL_INSURANCE_NUMBER": [
        "code QQ123456C", "BG123456A", "AB123456E", "AB12345C", "DA123456A",
    ],
    "CA_SOCIAL_INSURANCE_NUMBER": [
        "part 130-692-545", "order 046 454 287", "call 130-692", "item 813-692-544",
        "123456789 visitors",
    ],
    "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER": [
        "ITIN 912-40-1234", "order 812-78-1234", "9127812345", "ITIN 912-89-1234",
        "call 912-781-2345",
    ],
    "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER": [
        "total 1955839661", "order 1955839661", "phone 2065550100", "id 19558396612",
        "file 1955839661 attached",
    ],
    "IN_PERMANENT_ACCOUNT_NUMBER": [
        "ACUXA7085R", "ACUPA7085", "ACUPA70851", "acupa7085r", "A1UPA7085R",
    ],
    "IN_NREGA": [
        "ZZ12345678901234", "RJ1234567890123", "order RJ123456789012345", "RJ-12",
        "AB12345678901234",
    ],
    "INTERNATIONAL_BANK_ACCOUNT_NUMBER": [
        "code GB83 WEST 1234 5698 7654 32", "DE89370400440532013001", "GB82",
        "XX82WEST12345698765432", "order NL91ABNA0417164301",
    ],
    "SWIFT_CODE": [
        "the DOCUMENT said", "DEUTZZFF500", "ABCDEFGH", "PASSWORD", "INTERNET",
    ],
    "UK_NATIONAL_HEALTH_SERVICE_NUMBER": [
        "call 943 476 5870", "order 9434765919", "943 476 587", "page 485 777 3456",
        "total 4010232137",
    ],
    "CA_HEALTH_NUMBER": [
        "1234 567 890", "order 9876-543-210", "phone 4567890123", "ABCD 1234 5678",
        "9123 456 789 items",
    ],
    "IN_AADHAAR": [
        "tracking 234123412347", "order 2341 2341 2347", "1234 5678 9012",
        "card 4111 1111 1111", "2341 2341 234",
    ],
    "IN_VOTER_NUMBER": [
        "ticket INC1234567", "WKH118625", "WKH11862533", "wkh1186253", "order ABC1234566",
    ],
}
