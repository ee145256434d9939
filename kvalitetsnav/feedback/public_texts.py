# ruff: noqa: E501  (sentences in six languages read better unbroken)
"""The public form's words in each of its languages, written for people, in plain language.

Kept as Python rather than gettext catalogues so that a fresh machine needs no
tooling (msgfmt) to show them. Every language has every key; a test checks it.
"""

from __future__ import annotations

LANGUAGE_NAMES = {
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "so": "Soomaali",
    "fa": "فارسی",
    "fi": "Suomi",
}

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Lämna en synpunkt",
        "intro": (
            "Berätta vad du tycker om socialtjänsten. Du kan klaga, ge förslag eller beröm. "
            "Vi läser allt som kommer in och använder det för att bli bättre."
        ),
        "anonymous_note": "Du behöver inte skriva ditt namn. Du kan vara anonym.",
        "choose_language": "Språk",
        "kind": "Vad vill du lämna?",
        "kind_klagomal": "Ett klagomål",
        "kind_synpunkt": "Ett förslag eller en synpunkt",
        "kind_berom": "Beröm",
        "board": "Vilken stadsdel gäller det?",
        "area": "Vad gäller det?",
        "description": "Vad hände?",
        "description_help": "Berätta med egna ord. Skriv inte personnummer.",
        "wish": "Vad vill du ska hända nu? (frivilligt)",
        "contact_heading": "Vill du ha svar?",
        "contact_help": "Skriv hur vi kan nå dig. Lämna tomt om du vill vara anonym.",
        "name": "Namn (frivilligt)",
        "email": "E-post (frivilligt)",
        "phone": "Telefon (frivilligt)",
        "honeypot": "Lämna det här fältet tomt",
        "submit": "Skicka",
        "err_required": "Du behöver fylla i det här.",
        "err_choice": "Välj ett av alternativen.",
        "err_too_long": "Texten är för lång. Skriv högst %(max)s tecken.",
        "err_email": "Skriv en e-postadress som name@exempel.se.",
        "err_refused": "Vi kunde inte ta emot det du skickade. Försök igen.",
        "err_rate": (
            "Vi har fått många meddelanden från din uppkoppling på kort tid. "
            "Vänta en stund och försök igen, eller ring kommunens kontaktcenter."
        ),
        "err_form": "Något behöver rättas. Se meddelandena vid fälten.",
        "receipt_title": "Tack, vi har tagit emot det du skrev",
        "receipt_intro": "Spara numret och koden. Med dem kan du se ditt ärende och vårt svar.",
        "receipt_number": "Ärendenummer",
        "secret_code": "Hemlig kod",
        "receipt_once": "Koden visas bara nu. Skriv upp den eller ta en bild av skärmen.",
        "receipt_gone": "Kvittot har redan visats. Använd numret och koden du sparade.",
        "reply_by": "Vi svarar senast",
        "status_link": "Se ditt ärende",
        "status_title": "Se ditt ärende",
        "status_intro": "Skriv ärendenumret och den hemliga koden du fick.",
        "show_case": "Visa ärendet",
        "not_found": "Vi hittade inget ärende med det numret och den koden. Kontrollera och försök igen.",
        "status": "Läge",
        "status_mottagen": "Mottaget",
        "status_under_handlaggning": "Vi arbetar med ärendet",
        "status_besvarad": "Besvarat",
        "status_avslutad": "Avslutat",
        "you_wrote": "Du skrev",
        "our_reply": "Vårt svar",
        "no_reply_yet": "Vi har inte svarat ännu.",
        "your_additions": "Det du har lagt till",
        "add_heading": "Lägg till något",
        "add_label": "Det här vill jag lägga till",
        "add_submit": "Skicka tillägget",
        "added": "Tack. Ditt tillägg är sparat.",
        "new_form": "Lämna en ny synpunkt",
        "mail_subject": "Vi har tagit emot din synpunkt (%(number)s)",
        "mail_body": (
            "Tack för att du hörde av dig.\n\nDitt ärendenummer är %(number)s. "
            "Vi svarar senast %(due)s.\n\nDu kan se ditt ärende här: %(url)s\n"
            "Du behöver den hemliga koden du fick på skärmen. Av säkerhetsskäl skickar vi "
            "den inte med e-post.\n"
        ),
    },
    "en": {
        "title": "Give us your feedback",
        "intro": (
            "Tell us what you think about social services. You can make a complaint, "
            "a suggestion or give praise. We read everything and use it to do better."
        ),
        "anonymous_note": "You do not have to give your name. You can stay anonymous.",
        "choose_language": "Language",
        "kind": "What would you like to give?",
        "kind_klagomal": "A complaint",
        "kind_synpunkt": "A suggestion or an opinion",
        "kind_berom": "Praise",
        "board": "Which district is it about?",
        "area": "What is it about?",
        "description": "What happened?",
        "description_help": "Tell us in your own words. Do not write personal identity numbers.",
        "wish": "What would you like to happen now? (optional)",
        "contact_heading": "Would you like a reply?",
        "contact_help": "Tell us how to reach you. Leave empty to stay anonymous.",
        "name": "Name (optional)",
        "email": "E-mail (optional)",
        "phone": "Phone (optional)",
        "honeypot": "Leave this field empty",
        "submit": "Send",
        "err_required": "Please fill this in.",
        "err_choice": "Please choose one of the options.",
        "err_too_long": "The text is too long. Write at most %(max)s characters.",
        "err_email": "Write an e-mail address like name@example.com.",
        "err_refused": "We could not accept what you sent. Please try again.",
        "err_rate": (
            "We have received many messages from your connection in a short time. "
            "Please wait a while and try again, or call the city's contact centre."
        ),
        "err_form": "Something needs to be corrected. See the messages by the fields.",
        "receipt_title": "Thank you, we have received your message",
        "receipt_intro": "Keep the number and the code. With them you can see your case and our reply.",
        "receipt_number": "Case number",
        "secret_code": "Secret code",
        "receipt_once": "The code is shown only now. Write it down or take a screenshot.",
        "receipt_gone": "The receipt has already been shown. Use the number and code you saved.",
        "reply_by": "We will reply by",
        "status_link": "See your case",
        "status_title": "See your case",
        "status_intro": "Enter the case number and the secret code you were given.",
        "show_case": "Show the case",
        "not_found": "We found no case with that number and code. Please check and try again.",
        "status": "Status",
        "status_mottagen": "Received",
        "status_under_handlaggning": "We are working on it",
        "status_besvarad": "Replied",
        "status_avslutad": "Closed",
        "you_wrote": "You wrote",
        "our_reply": "Our reply",
        "no_reply_yet": "We have not replied yet.",
        "your_additions": "What you have added",
        "add_heading": "Add something",
        "add_label": "This is what I want to add",
        "add_submit": "Send the addition",
        "added": "Thank you. Your addition has been saved.",
        "new_form": "Give new feedback",
        "mail_subject": "We have received your feedback (%(number)s)",
        "mail_body": (
            "Thank you for contacting us.\n\nYour case number is %(number)s. "
            "We will reply by %(due)s.\n\nYou can see your case here: %(url)s\n"
            "You need the secret code shown on the screen. For your safety we do not "
            "send it by e-mail.\n"
        ),
    },
    "ar": {
        "title": "شاركنا رأيك",
        "intro": (
            "أخبرنا برأيك في الخدمات الاجتماعية. يمكنك تقديم شكوى أو اقتراح أو شكر. "
            "نقرأ كل ما يصلنا ونستخدمه لتحسين عملنا."
        ),
        "anonymous_note": "لا يلزمك كتابة اسمك. يمكنك أن تبقى مجهول الهوية.",
        "choose_language": "اللغة",
        "kind": "ماذا تريد أن تقدم؟",
        "kind_klagomal": "شكوى",
        "kind_synpunkt": "اقتراح أو رأي",
        "kind_berom": "شكر وثناء",
        "board": "أي منطقة يخص الأمر؟",
        "area": "بماذا يتعلق الأمر؟",
        "description": "ماذا حدث؟",
        "description_help": "اكتب بكلماتك الخاصة. لا تكتب الرقم الشخصي.",
        "wish": "ماذا تريد أن يحدث الآن؟ (اختياري)",
        "contact_heading": "هل تريد ردًا؟",
        "contact_help": "اكتب كيف يمكننا التواصل معك. اتركه فارغًا إذا أردت أن تبقى مجهول الهوية.",
        "name": "الاسم (اختياري)",
        "email": "البريد الإلكتروني (اختياري)",
        "phone": "الهاتف (اختياري)",
        "honeypot": "اترك هذا الحقل فارغًا",
        "submit": "إرسال",
        "err_required": "يرجى ملء هذا الحقل.",
        "err_choice": "يرجى اختيار أحد الخيارات.",
        "err_too_long": "النص طويل جدًا. اكتب %(max)s حرفًا على الأكثر.",
        "err_email": "اكتب عنوان بريد إلكتروني مثل name@example.com.",
        "err_refused": "لم نتمكن من استلام ما أرسلته. يرجى المحاولة مرة أخرى.",
        "err_rate": (
            "وصلتنا رسائل كثيرة من اتصالك خلال وقت قصير. "
            "يرجى الانتظار قليلًا ثم المحاولة مرة أخرى، أو الاتصال بمركز خدمة البلدية."
        ),
        "err_form": "هناك شيء يحتاج إلى تصحيح. انظر الرسائل بجانب الحقول.",
        "receipt_title": "شكرًا لك، لقد استلمنا رسالتك",
        "receipt_intro": "احتفظ بالرقم والرمز. بهما يمكنك متابعة قضيتك وقراءة ردنا.",
        "receipt_number": "رقم القضية",
        "secret_code": "الرمز السري",
        "receipt_once": "يظهر الرمز الآن فقط. اكتبه أو التقط صورة للشاشة.",
        "receipt_gone": "لقد عُرض الإيصال من قبل. استخدم الرقم والرمز اللذين احتفظت بهما.",
        "reply_by": "سنرد في موعد أقصاه",
        "status_link": "اطلع على قضيتك",
        "status_title": "اطلع على قضيتك",
        "status_intro": "اكتب رقم القضية والرمز السري الذي حصلت عليه.",
        "show_case": "عرض القضية",
        "not_found": "لم نجد قضية بهذا الرقم وهذا الرمز. يرجى التحقق والمحاولة مرة أخرى.",
        "status": "الحالة",
        "status_mottagen": "تم الاستلام",
        "status_under_handlaggning": "نعمل على قضيتك",
        "status_besvarad": "تم الرد",
        "status_avslutad": "مغلقة",
        "you_wrote": "ما كتبته",
        "our_reply": "ردنا",
        "no_reply_yet": "لم نرد بعد.",
        "your_additions": "ما أضفته",
        "add_heading": "أضف شيئًا",
        "add_label": "هذا ما أريد إضافته",
        "add_submit": "إرسال الإضافة",
        "added": "شكرًا لك. تم حفظ إضافتك.",
        "new_form": "تقديم رأي جديد",
        "mail_subject": "لقد استلمنا رسالتك (%(number)s)",
        "mail_body": (
            "شكرًا لتواصلك معنا.\n\nرقم قضيتك هو %(number)s. "
            "سنرد في موعد أقصاه %(due)s.\n\nيمكنك الاطلاع على قضيتك هنا: %(url)s\n"
            "ستحتاج إلى الرمز السري الذي ظهر على الشاشة. حفاظًا على أمانك لا نرسله "
            "بالبريد الإلكتروني.\n"
        ),
    },
    "so": {
        "title": "Noo sheeg fikradaada",
        "intro": (
            "Noo sheeg waxaad ka qabto adeegga bulshada. Waxaad soo gudbin kartaa cabasho, "
            "talo ama ammaan. Wax kasta oo na soo gaara waan akhrinnaa oo waxaan u "
            "isticmaalnaa inaan ku hagaagno."
        ),
        "anonymous_note": "Uma baahnid inaad qorto magacaaga. Waxaad noqon kartaa qof aan la aqoon.",
        "choose_language": "Luqadda",
        "kind": "Maxaad rabtaa inaad soo gudbiso?",
        "kind_klagomal": "Cabasho",
        "kind_synpunkt": "Talo ama fikrad",
        "kind_berom": "Ammaan",
        "board": "Xaafaddee ayay khusaysaa?",
        "area": "Maxay ku saabsan tahay?",
        "description": "Maxaa dhacay?",
        "description_help": "Ku qor erayadaada. Ha qorin lambarka aqoonsiga shakhsiga.",
        "wish": "Maxaad rabtaa inay hadda dhacdo? (ikhtiyaari)",
        "contact_heading": "Ma rabtaa jawaab?",
        "contact_help": "Noo sheeg sida aan kuula soo xiriiri karno. Bannaan ka dhig haddii aad rabto inaan lagu aqoon.",
        "name": "Magac (ikhtiyaari)",
        "email": "E-mayl (ikhtiyaari)",
        "phone": "Telefoon (ikhtiyaari)",
        "honeypot": "Goobtan bannaan ka dhig",
        "submit": "Dir",
        "err_required": "Fadlan buuxi tan.",
        "err_choice": "Fadlan dooro mid ka mid ah.",
        "err_too_long": "Qoraalku aad buu u dheer yahay. Qor ugu badnaan %(max)s xaraf.",
        "err_email": "Qor cinwaan e-mayl sida name@example.com.",
        "err_refused": "Ma aanan heli karin waxaad soo dirtay. Fadlan isku day mar kale.",
        "err_rate": (
            "Waxaan waqti gaaban ka helnay fariimo badan oo ka yimid xiriirkaaga. "
            "Fadlan sug wax yar oo isku day mar kale, ama wac xarunta xiriirka ee degmada."
        ),
        "err_form": "Wax baa u baahan in la saxo. Eeg fariimaha ag yaalla goobaha.",
        "receipt_title": "Mahadsanid, waan helnay fariintaada",
        "receipt_intro": "Kaydi lambarka iyo koodhka. Iyaga ayaad ku arki kartaa kiiskaaga iyo jawaabtayada.",
        "receipt_number": "Lambarka kiiska",
        "secret_code": "Koodh sir ah",
        "receipt_once": "Koodhka hadda oo keliya ayaa la muujinayaa. Qor ama sawir shaashadda.",
        "receipt_gone": "Rasiidka horey ayaa loo muujiyey. Isticmaal lambarka iyo koodhka aad kaydsatay.",
        "reply_by": "Waxaan ku jawaabi doonaa ugu dambayn",
        "status_link": "Eeg kiiskaaga",
        "status_title": "Eeg kiiskaaga",
        "status_intro": "Qor lambarka kiiska iyo koodhka sirta ah ee lagu siiyey.",
        "show_case": "Muuji kiiska",
        "not_found": "Ma helin kiis leh lambarkaas iyo koodhkaas. Fadlan hubi oo isku day mar kale.",
        "status": "Xaaladda",
        "status_mottagen": "Waa la helay",
        "status_under_handlaggning": "Waan ka shaqaynaynaa",
        "status_besvarad": "Waa la ka jawaabay",
        "status_avslutad": "Waa la xiray",
        "you_wrote": "Waxaad qortay",
        "our_reply": "Jawaabtayada",
        "no_reply_yet": "Weli ma aanan jawaabin.",
        "your_additions": "Waxaad ku dartay",
        "add_heading": "Wax ku dar",
        "add_label": "Tan ayaan rabaa inaan ku daro",
        "add_submit": "Dir waxa aad ku dartay",
        "added": "Mahadsanid. Waxa aad ku dartay waa la kaydiyey.",
        "new_form": "Soo gudbi fikrad cusub",
        "mail_subject": "Waan helnay fikradaada (%(number)s)",
        "mail_body": (
            "Mahadsanid inaad nala soo xiriirtay.\n\nLambarka kiiskaagu waa %(number)s. "
            "Waxaan ku jawaabi doonaa ugu dambayn %(due)s.\n\nHalkan ka eeg kiiskaaga: %(url)s\n"
            "Waxaad u baahan tahay koodhka sirta ah ee shaashadda lagu muujiyey. Amnigaaga "
            "awgiis ugama dirno e-mayl.\n"
        ),
    },
    "fa": {
        "title": "نظر خود را با ما در میان بگذارید",
        "intro": (
            "به ما بگویید درباره خدمات اجتماعی چه فکر می‌کنید. می‌توانید شکایت، پیشنهاد یا "
            "قدردانی بفرستید. ما همه پیام‌ها را می‌خوانیم و از آن‌ها برای بهتر شدن استفاده می‌کنیم."
        ),
        "anonymous_note": "لازم نیست نام خود را بنویسید. می‌توانید ناشناس بمانید.",
        "choose_language": "زبان",
        "kind": "چه چیزی می‌خواهید بفرستید؟",
        "kind_klagomal": "شکایت",
        "kind_synpunkt": "پیشنهاد یا نظر",
        "kind_berom": "قدردانی",
        "board": "مربوط به کدام منطقه است؟",
        "area": "موضوع درباره چیست؟",
        "description": "چه اتفاقی افتاد؟",
        "description_help": "با کلمات خودتان بنویسید. شماره شخصی ننویسید.",
        "wish": "می‌خواهید اکنون چه اتفاقی بیفتد؟ (اختیاری)",
        "contact_heading": "آیا پاسخ می‌خواهید؟",
        "contact_help": "بنویسید چگونه می‌توانیم با شما تماس بگیریم. اگر می‌خواهید ناشناس بمانید، خالی بگذارید.",
        "name": "نام (اختیاری)",
        "email": "ایمیل (اختیاری)",
        "phone": "تلفن (اختیاری)",
        "honeypot": "این قسمت را خالی بگذارید",
        "submit": "ارسال",
        "err_required": "لطفاً این قسمت را پر کنید.",
        "err_choice": "لطفاً یکی از گزینه‌ها را انتخاب کنید.",
        "err_too_long": "متن خیلی طولانی است. حداکثر %(max)s حرف بنویسید.",
        "err_email": "یک نشانی ایمیل مانند name@example.com بنویسید.",
        "err_refused": "نتوانستیم پیام شما را دریافت کنیم. لطفاً دوباره امتحان کنید.",
        "err_rate": (
            "در مدت کوتاهی پیام‌های زیادی از اتصال شما دریافت کرده‌ایم. "
            "لطفاً کمی صبر کنید و دوباره امتحان کنید، یا با مرکز تماس شهرداری تماس بگیرید."
        ),
        "err_form": "چیزی باید اصلاح شود. پیام‌های کنار هر قسمت را ببینید.",
        "receipt_title": "سپاسگزاریم، پیام شما را دریافت کردیم",
        "receipt_intro": "شماره و کد را نگه دارید. با آن‌ها می‌توانید پرونده خود و پاسخ ما را ببینید.",
        "receipt_number": "شماره پرونده",
        "secret_code": "کد محرمانه",
        "receipt_once": "این کد فقط اکنون نشان داده می‌شود. آن را یادداشت کنید یا از صفحه عکس بگیرید.",
        "receipt_gone": "رسید قبلاً نشان داده شده است. از شماره و کدی که نگه داشته‌اید استفاده کنید.",
        "reply_by": "حداکثر تا این تاریخ پاسخ می‌دهیم",
        "status_link": "پرونده خود را ببینید",
        "status_title": "پرونده خود را ببینید",
        "status_intro": "شماره پرونده و کد محرمانه‌ای را که دریافت کردید بنویسید.",
        "show_case": "نمایش پرونده",
        "not_found": "پرونده‌ای با این شماره و این کد پیدا نکردیم. لطفاً بررسی کنید و دوباره امتحان کنید.",
        "status": "وضعیت",
        "status_mottagen": "دریافت شد",
        "status_under_handlaggning": "در حال رسیدگی هستیم",
        "status_besvarad": "پاسخ داده شد",
        "status_avslutad": "بسته شد",
        "you_wrote": "شما نوشتید",
        "our_reply": "پاسخ ما",
        "no_reply_yet": "هنوز پاسخ نداده‌ایم.",
        "your_additions": "آنچه اضافه کرده‌اید",
        "add_heading": "چیزی اضافه کنید",
        "add_label": "این را می‌خواهم اضافه کنم",
        "add_submit": "ارسال افزوده",
        "added": "سپاسگزاریم. افزوده شما ذخیره شد.",
        "new_form": "فرستادن نظر تازه",
        "mail_subject": "نظر شما را دریافت کردیم (%(number)s)",
        "mail_body": (
            "از اینکه با ما تماس گرفتید سپاسگزاریم.\n\nشماره پرونده شما %(number)s است. "
            "حداکثر تا %(due)s پاسخ می‌دهیم.\n\nپرونده خود را اینجا ببینید: %(url)s\n"
            "به کد محرمانه‌ای که روی صفحه دیدید نیاز دارید. برای امنیت شما آن را با ایمیل "
            "نمی‌فرستیم.\n"
        ),
    },
    "fi": {
        "title": "Anna palautetta",
        "intro": (
            "Kerro, mitä ajattelet sosiaalipalveluista. Voit tehdä valituksen, antaa "
            "ehdotuksen tai kiitosta. Luemme kaiken ja käytämme sitä toimintamme parantamiseen."
        ),
        "anonymous_note": "Sinun ei tarvitse kertoa nimeäsi. Voit antaa palautteen nimettömänä.",
        "choose_language": "Kieli",
        "kind": "Mitä haluat antaa?",
        "kind_klagomal": "Valituksen",
        "kind_synpunkt": "Ehdotuksen tai mielipiteen",
        "kind_berom": "Kiitosta",
        "board": "Mitä kaupunginosaa asia koskee?",
        "area": "Mitä asia koskee?",
        "description": "Mitä tapahtui?",
        "description_help": "Kerro omin sanoin. Älä kirjoita henkilötunnusta.",
        "wish": "Mitä haluat, että nyt tapahtuu? (vapaaehtoinen)",
        "contact_heading": "Haluatko vastauksen?",
        "contact_help": "Kerro, miten tavoitamme sinut. Jätä tyhjäksi, jos haluat pysyä nimettömänä.",
        "name": "Nimi (vapaaehtoinen)",
        "email": "Sähköposti (vapaaehtoinen)",
        "phone": "Puhelin (vapaaehtoinen)",
        "honeypot": "Jätä tämä kenttä tyhjäksi",
        "submit": "Lähetä",
        "err_required": "Täytä tämä kohta.",
        "err_choice": "Valitse yksi vaihtoehdoista.",
        "err_too_long": "Teksti on liian pitkä. Kirjoita enintään %(max)s merkkiä.",
        "err_email": "Kirjoita sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.",
        "err_refused": "Emme voineet vastaanottaa lähettämääsi. Yritä uudelleen.",
        "err_rate": (
            "Olemme saaneet yhteydestäsi monta viestiä lyhyessä ajassa. "
            "Odota hetki ja yritä uudelleen, tai soita kaupungin asiakaspalveluun."
        ),
        "err_form": "Jotain pitää korjata. Katso viestit kenttien vierestä.",
        "receipt_title": "Kiitos, olemme vastaanottaneet viestisi",
        "receipt_intro": "Tallenna numero ja koodi. Niiden avulla näet asiasi ja vastauksemme.",
        "receipt_number": "Asianumero",
        "secret_code": "Salainen koodi",
        "receipt_once": "Koodi näytetään vain nyt. Kirjoita se muistiin tai ota kuvakaappaus.",
        "receipt_gone": "Kuitti on jo näytetty. Käytä tallentamaasi numeroa ja koodia.",
        "reply_by": "Vastaamme viimeistään",
        "status_link": "Katso asiasi",
        "status_title": "Katso asiasi",
        "status_intro": "Kirjoita asianumero ja saamasi salainen koodi.",
        "show_case": "Näytä asia",
        "not_found": "Emme löytäneet asiaa tällä numerolla ja koodilla. Tarkista ja yritä uudelleen.",
        "status": "Tila",
        "status_mottagen": "Vastaanotettu",
        "status_under_handlaggning": "Käsittelemme asiaa",
        "status_besvarad": "Vastattu",
        "status_avslutad": "Suljettu",
        "you_wrote": "Kirjoitit",
        "our_reply": "Vastauksemme",
        "no_reply_yet": "Emme ole vielä vastanneet.",
        "your_additions": "Lisäämäsi tiedot",
        "add_heading": "Lisää jotain",
        "add_label": "Tämän haluan lisätä",
        "add_submit": "Lähetä lisäys",
        "added": "Kiitos. Lisäyksesi on tallennettu.",
        "new_form": "Anna uutta palautetta",
        "mail_subject": "Olemme vastaanottaneet palautteesi (%(number)s)",
        "mail_body": (
            "Kiitos yhteydenotostasi.\n\nAsianumerosi on %(number)s. "
            "Vastaamme viimeistään %(due)s.\n\nVoit katsoa asiaasi täällä: %(url)s\n"
            "Tarvitset näytöllä näkyneen salaisen koodin. Turvallisuutesi vuoksi emme "
            "lähetä sitä sähköpostilla.\n"
        ),
    },
}


def texts(lang: str) -> dict[str, str]:
    return TEXTS.get(lang) or TEXTS["sv"]


# The default service areas of the public form, with their names in each language.
DEFAULT_AREAS: list[tuple[str, dict[str, str]]] = [
    (
        "Hemtjänst",
        {
            "en": "Home care",
            "ar": "الرعاية المنزلية",
            "so": "Daryeelka guriga",
            "fa": "مراقبت در منزل",
            "fi": "Kotihoito",
        },
    ),
    (
        "Äldreboende",
        {
            "en": "Residential care for older people",
            "ar": "دار رعاية المسنين",
            "so": "Guriga daryeelka waayeelka",
            "fa": "خانه سالمندان",
            "fi": "Vanhusten hoivakoti",
        },
    ),
    (
        "Stöd till barn och familjer",
        {
            "en": "Support for children and families",
            "ar": "دعم الأطفال والأسر",
            "so": "Taageerada carruurta iyo qoysaska",
            "fa": "حمایت از کودکان و خانواده‌ها",
            "fi": "Lasten ja perheiden tuki",
        },
    ),
    (
        "Ekonomiskt bistånd",
        {
            "en": "Financial assistance",
            "ar": "المساعدة المالية",
            "so": "Gargaarka dhaqaalaha",
            "fa": "کمک مالی",
            "fi": "Toimeentulotuki",
        },
    ),
    (
        "Stöd vid funktionsnedsättning",
        {
            "en": "Support for people with disabilities",
            "ar": "دعم ذوي الإعاقة",
            "so": "Taageerada dadka naafada ah",
            "fa": "حمایت از افراد دارای معلولیت",
            "fi": "Vammaisten tuki",
        },
    ),
    (
        "Missbruk och beroende",
        {
            "en": "Substance abuse and addiction",
            "ar": "الإدمان",
            "so": "Balwadda iyo ku-tiirsanaanta",
            "fa": "اعتیاد و وابستگی",
            "fi": "Päihteet ja riippuvuus",
        },
    ),
    (
        "Annat",
        {
            "en": "Something else",
            "ar": "شيء آخر",
            "so": "Wax kale",
            "fa": "موضوع دیگر",
            "fi": "Muu asia",
        },
    ),
]
