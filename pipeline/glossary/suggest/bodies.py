"""Bodies and titles in a sentence: "Министерство цифрового развития", quoted company and party
names, abbreviations, "Чрезвычайный и Полномочный Посол"."""

from __future__ import annotations

import re

from pymorphy3.analyzer import Parse

from pipeline.glossary.load import term_key
from pipeline.glossary.match import EVERY_STATES, PLANTS
from pipeline.glossary.suggest.abbreviations import ABBREVIATIONS
from pipeline.glossary.suggest.sentence import Sentence
from pipeline.glossary.suggest.words import (adjective_lemma, head_case, is_capitalised,
                                             is_patronymic, known_common, lemma_of, parses_of, restore_case,
                                             surname_shaped)
from pipeline.lookalikes import CYRILLIC

_BODY_HEADS = frozenset("""министерство комитет агентство служба фонд палата совет ассамблея академия
университет банк суд прокуратура управление департамент центр институт партия корпорация холдинг
канцелярия инспекция комиссия союз конгресс орден курия дикастерия гвардия штаб коалиция сила
ассоциация конфедерация федерация отряд клуб кабинет организация группа хурал меджлис мажлис сейм кенеш парламент дума рада
курултай содружество сенат бюро посольство консульство офис церковь престол""".split())
#: Body heads that name a body only with their capital: "Апостольский Престол", not "на Папский престол".
_NAMES_ONLY_CAPITALISED = frozenset({"престол"})
#: A quoted name of up to four words, capitalised, in any script: «Қайсар», «Respublica», "Самрук-Казына".
_QUOTED_NAME = re.compile(r"[«\"„]([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*(?:\s[\w-]+){0,3})[»\"“]")
#: What names a company, party or club right before its quoted name: "АО «НК", "фонда", "партии",
#: "футбольного клуба", "председатель правления", a state institution's letters ("ГУ «Казселезащита»";
#: a state enterprise's, "РГП «Казводхоз»", name a company, which releases' readers know as one);
#: group 1 is a party's word, which the glossary keeps in the name ("партия AMANAT").
_COMPANY_BEFORE = re.compile(r"(?:\b(?:АО|НК|ТОО|АҚ|ЖШС|ГУ|РГУ|КГУ)|компани\w*|холдинг\w*|фонд\w*|корпораци\w*|"
                             r"(парти\w*)|банк\w*|объединени\w*|клуб\w*|правлени\w*)\s*[«\"„]?\s*$")
#: A company's legal form opening its quoted name, no part of the name: 'АО "НК Қазақстан Темір Жолы"'.
_LEGAL_FORM = re.compile(r"^(?:НК|АО|ТОО|АҚ|ЖШС|ҰК)\s+(?=\S)")
#: A word with a capital inside it after lower-case letters: "КазМунайГаза".
_CAMEL_CASE = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮІҺ][а-яёәғқңөұүіһ]+(?:[А-ЯЁӘҒҚҢӨҰҮІҺ][а-яёәғқңөұүіһ]+)+")
#: A word whose capitals run on after lower-case letters: "КазНИИСА".
_CAPITALS_INSIDE = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮІҺ][а-яёәғқңөұүіһ]+[А-ЯЁӘҒҚҢӨҰҮІҺ]{2,}")
#: What precedes a news agency's name in a dateline, where a dash follows the name: "Нур-Султан. 27
#: октября. КазТАГ –", or nothing once the place and date are split off as sentences of their own.
_DATELINE = re.compile(r"^(?:[\w-]+\.\s+\d{1,2}\s+[а-я]+\.\s+)?$")
#: A name in Latin letters ending in an English word for an organisation: "Phygital International".
_LATIN_BODY = re.compile(r"\b[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3}\s+(?:International|Group|Holding|Holdings|"
                         r"Corporation|Company|Foundation|Institute|University|Association|Agency|Council)\b")
#: The plural "партии" before a list of party names: "политические партии — Amanat, Ауыл, …".
_PARTY_LIST = re.compile(r"\bпарти(?:и|й|ям|ями|ях)\s*[—–:-]\s*")
#: A party's name in such a list: one or two words, the first capitalised ("Ақ жол", "НПК").
_PARTY_NAME = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮІҺ][\w-]*(?:\s[\w-]+)?")
_LIST_SEPARATOR = re.compile(r"\s*,\s*|\s+и\s+")
_LIST_END = re.compile(r"[.;:!?()]")
#: Adjectives naming the level a body works at, which make a lower-case body a name.
_LEVEL_ADJECTIVES = frozenset({"республиканский", "региональный", "территориальный", "областной", "окружной",
                               "городской", "районный"})
#: Nouns that say where a body named by its level works, no part of its name: "… комиссии района".
_WHERE = frozenset({"район", "город", "область", "регион", "село", "аул", "округ", "поселок", "посёлок"})
#: Heads of a state's own bodies, which a sentence may start with: "Центральной избирательной комиссии
#: Республики Казахстан организовать …" (a decree's item).
_STATE_BODY_HEADS = frozenset("""министерство комитет агентство служба комиссия банк суд прокуратура палата
совет фонд""".split())
#: A local government's departments, named in lower case by their field: "управление образования".
_DEPARTMENTS = frozenset({"управление", "департамент"})
#: The fields such a department is named by (the first noun after its head).
_FIELDS = frozenset("""здравоохранение образование энергетика культура экология строительство финансы экономика
хозяйство отношение транспорт занятость спорт туризм предпринимательство цифровизация политика ресурс
ветеринария архитектура градостроительство инспекция полиция юстиция доход труд защита промышленность
информатизация мобилизация земля""".split())
#: Body heads named in the plural: "Вооруженных сил" is "Вооруженные силы".
_PLURAL_BODY_HEADS = frozenset({"сила"})
#: Parts of the world an international body's name may end with: "… сотрудничеству в Европе".
_PARTS_OF_THE_WORLD = frozenset({"европа", "азия", "африка", "америка", "евразия"})
#: Bodies named by a quoted name after their noun, which the name keeps: "комиссия «Жер аманаты»".
_NAMED_BY_QUOTE = frozenset({"комиссия", "группа", "коалиция", "штаб"})
#: A state's mission abroad, which its own releases capitalise on its own ("Посольство Казахстана в
#: Тель-Авиве", "горячая линия Посольства"): one kind of body, filed under its common noun.
_MISSIONS = frozenset({"посольство", "консульство"})
_TITLE_HEADS = frozenset({"посол", "консул", "омбудсмен", "уполномоченный"})


def _camel_nominative(word: str) -> str:
    """"КазМунайГаза" → "КазМунайГаз": a case ending undone on the last part only (a guess
    longer than the word is no nominative: "АрселорМиттал" stays)."""
    head, last = re.fullmatch(r"(.*)([А-ЯЁӘҒҚҢӨҰҮІҺ].*)", word).groups()
    lemma = lemma_of(last)
    return head + restore_case(last, lemma) if len(last) > 3 and len(lemma) <= len(last) else word


class BodyFinder(Sentence):
    """The body and title finders of a sentence."""

    # -- bodies: "Министерство цифрового развития", "Центральной службы коммуникаций" --
    def companies(self) -> None:
        """"КазМунайГаз", "КазНИИСА": a company named by a word with capitals inside it."""
        for i, tok in enumerate(self.toks):
            if tok.word and self.free(i) and not self._attribution(i) and \
                    (_CAMEL_CASE.fullmatch(tok.text) or _CAPITALS_INSIDE.fullmatch(tok.text)):
                self.add("body", _camel_nominative(tok.text), "body", i, i)  # not "передает КазТАГ"

    def abbreviations(self) -> None:
        """An organisation's or a state's abbreviation on its own (not inside "Совет Безопасности ООН"):
        filed under its full name where `ABBREVIATIONS` knows it ("ОБСЕ", "РФ": the glossary's `ru` is
        the full name, the letters a variant), else as written where the dictionary knows it as one body
        ("УЕФА", "ЮНЕСКО"; not "АО" or "ГРЭС", a kind of company or plant)."""
        for i, tok in enumerate(self.toks):
            if not (tok.word and self.free(i) and tok.text.isupper() and len(tok.text) > 1):
                continue
            if tok.text in ABBREVIATIONS:
                name, kind = ABBREVIATIONS[tok.text]
                self.add(kind, name, kind, i, i, abbreviation=tok.text)
            elif len(tok.text) > 2 and any(p.is_known and {"Abbr", "Orgn", "Sgtm"} <= p.tag.grammemes
                                           for p in parses_of(tok.text)):
                self.add("body", tok.text, "body", i, i)

    def quoted_names(self) -> None:
        """АО «НК «Қазақстан темір жолы», АО "Самрук-Казына", партии «Ауыл», клуба «Қайсар»: a quoted
        name after a company's, party's or club's word is that body, as written (a quoted name does
        not decline); a park's, plant's or programme's quoted name is not one."""
        for m in _QUOTED_NAME.finditer(self.text):
            before = _COMPANY_BEFORE.search(self.text, max(0, m.start() - 40), m.start())
            if not before:
                self._group_by_quoted_name(m)
                continue
            inside = [k for k, t in enumerate(self.toks) if m.start(1) <= t.start and t.end <= m.end(1)]
            if m.group(1).split()[-1].lower() in PLANTS:
                continue  # АО «Атырауская ТЭЦ»: a plant, which the releases' readers know by its town
            if inside and self.free(inside[0]) and all(self.free(k) or self.covered_type[k] == "place"
                                                       for k in inside):  # «АрселорМиттал Темиртау»
                name = _LEGAL_FORM.sub("", m.group(1))  # 'АО "НК Қазақстан Темір Жолы"': the company's name
                self.add("body", f"партия {name}" if before.group(1) else name, "body", inside[0], inside[-1])

    def _group_by_quoted_name(self, m: re.Match[str]) -> None:
        """"Комиссии «Жер Аманаты»", "депутатская группа «Жаңа Қазақстан»": a commission, group,
        coalition or headquarters (`_NAMED_BY_QUOTE`) named by the quoted name right after its noun,
        filed with that noun and its adjectives in the nominative singular, the name as written."""
        h = max((k for k, t in enumerate(self.toks) if t.end <= m.start() and t.word), default=None)
        if h is None or self.text[self.toks[h].end:m.start()].strip():
            return  # nothing but the quotation mark may stand between the noun and the name
        heads = [p for p in parses_of(self.toks[h].text) if p.normal_form in _NAMED_BY_QUOTE and p.tag.POS == "NOUN"]
        inside = [k for k, t in enumerate(self.toks) if m.start(1) <= t.start and t.end <= m.end(1)]
        if not heads or not self.free(h) or not inside or not all(self.free(k) or self.covered_type[k] == "place"
                                                                  for k in inside):  # «Жаңа Қазақстан»
            return
        first, words = h, []
        while self.word(first - 1) and self.free(first - 1):
            lemma = adjective_lemma(self.toks[first - 1].text, heads[0].tag.case, None, heads[0].tag.gender or "femn")
            if lemma is None:
                break
            words.insert(0, lemma)
            first -= 1
        words.append(heads[0].normal_form)
        last = inside[-1] + 1 if inside[-1] + 1 < len(self.toks) else inside[-1]  # the closing mark
        self.add("body", f"{' '.join(words)} «{m.group(1)}»", "body", first, last)

    def latin_bodies(self) -> None:
        """"Phygital International", "Air Astana Group": a name in Latin letters ending in an
        English word for an organisation is a body, as written."""
        for m in _LATIN_BODY.finditer(self.text):
            inside = [k for k, t in enumerate(self.toks) if m.start() <= t.start and t.end <= m.end()]
            if inside and all(self.free(k) for k in inside) and not self._attribution(inside[0]):
                self.add("body", m.group(), "body", inside[0], inside[-1])

    def party_lists(self) -> None:
        """"политические партии — Amanat, Ауыл, Respublica, Ақ жол": each name of a list after the
        plural "партии" and a dash or colon is a party ("партия Ауыл"), quoted or not; a single name
        there is no list ("Лидер партии — Ерлан Карин")."""
        for m in _PARTY_LIST.finditer(self.text):
            end = _LIST_END.search(self.text, m.end())
            stop = end.start() if end else len(self.text)
            at, names = m.end(), []
            for item in _LIST_SEPARATOR.split(self.text[m.end():stop]):
                start = self.text.index(item, at)
                at = start + len(item)
                name = item.strip().strip("«»\"“”„").strip()
                if not _PARTY_NAME.fullmatch(name):
                    break  # "… и другие": the list is over
                first = self.text.index(name, start)
                names.append((name, [k for k, t in enumerate(self.toks) if first <= t.start and t.end <= first + len(name)]))
            for name, inside in names if len(names) > 1 else ():
                if inside and all(self.free(k) for k in inside):
                    self.add("body", f"партия {name}", "body", inside[0], inside[-1])

    def bodies(self) -> None:
        for h, tok in enumerate(self.toks):
            if not tok.word or self.covered[h] or self.claimed[h]:
                continue
            parses = parses_of(tok.text)
            heads = [p for p in parses if p.normal_form.replace("ё", "е") in _BODY_HEADS and p.tag.POS == "NOUN"]
            if not heads or (heads[0].normal_form in _NAMES_ONLY_CAPITALISED and not is_capitalised(tok.text)):
                continue  # "восшествие на Папский престол": a throne, not the Holy See
            # the reading an adjective before it agrees with: "Вооруженные силы" (nominative plural),
            # though "силы" reads likelier as a genitive singular
            before = parses_of(self.toks[h - 1].text) if self.word(h - 1) else []
            head = next((q for q in heads if any(a.tag.POS == "ADJF" and a.tag.case == q.tag.case
                                                 and a.tag.number == q.tag.number for a in before)), heads[0])
            latin = h + 1
            while self.word(latin) and self.free(latin) and not CYRILLIC.search(self.toks[latin].text) \
                    and self.toks[latin].text[:1].isupper():
                latin += 1
            if latin > h + 1 and not self._attribution(h) and self.toks[h + 1].text != "The":
                # "партии AMANAT": a body named in Latin (not a report's English title after it)
                head_form = head.inflect({"nomn", "sing"})
                name = self.text[self.toks[h + 1].start:self.toks[latin - 1].end]
                self.add("body", f"{head_form.word if head_form else tok.text.lower()} {name}", "body", h, latin - 1)
                continue
            adjectives = []
            k = h - 1
            while self.word(k) and self.free(k) and any(p.tag.POS == "ADJF" and p.tag.case == head.tag.case
                                                        and "Apro" not in p.tag for p in parses_of(self.toks[k].text)):
                adjectives.insert(0, k)
                k -= 1
                if head.tag.number == "sing" and self.word(k) and self.toks[k].lower == "и" and self.word(k - 1) \
                        and is_capitalised(self.toks[k - 1].text) and k - 1 != self.first and any(
                        p.tag.POS == "ADJF" and p.tag.case == head.tag.case for p in parses_of(self.toks[k - 1].text)):
                    adjectives.insert(0, k)  # "Продовольственной и сельскохозяйственной организации": one body;
                    k -= 1  # not "Верховного и Конституционного судов", two
            if adjectives and self._levelled(adjectives, head) and self._place_adjective(k, head):
                adjectives.insert(0, k)  # "Атырауского областного управления": a region's body, by its region
            if not adjectives and self._foreign_name_before(h):
                adjectives = [h - 1]  # "Жогорку кенеша": a parliament's name in its own language
            proper_adjective = any(is_capitalised(self.toks[a].text) and a != self.first for a in adjectives) \
                or (bool(adjectives) and adjectives[0] == self.first and is_capitalised(self.toks[self.first].text)
                    and head.normal_form in _STATE_BODY_HEADS and self._of_the_state(h))
            proper_head = is_capitalised(tok.text) and h != self.first
            levelled = not proper_adjective and self._levelled(adjectives, head)
            end = self._complement(h, bare=not adjectives)
            if levelled and end > h and lemma_of(self.toks[h + 1].text) in _WHERE:
                end = h  # "территориальной избирательной комиссии района": the body, its place aside
            if head.normal_form in _MISSIONS and is_capitalised(tok.text) and not adjectives and end == h:
                self.add("body", head.normal_form, "body", h, h)
                continue
            department = not adjectives and self._department(h, head, end)
            if department:
                end = self._department_end(h, end)
            if not (proper_head or proper_adjective or levelled or department
                    or (h == self.first and is_capitalised(tok.text) and end > h)):
                continue
            if not adjectives and end == h:
                continue  # "пресс-службу Палаты": a body named before, by its head alone
            if not adjectives and end == h + 1 and ABBREVIATIONS.get(self.toks[end].text, ("", ""))[1] == "body":
                continue  # "Офис ООН в Афганистане": a part of the organisation its letters name
            if head.normal_form == "группа" and not (end > h and self.toks[h + 1].lower == "по"):
                continue  # "Рабочей группы": a group is named by what it works on ("… по Парламентской реформе")
            first = adjectives[0] if adjectives else h
            if adjectives and not (proper_adjective or levelled):
                first = h  # "новый Центр …": only the capitalised name
            plural = head.normal_form in _PLURAL_BODY_HEADS
            words = []
            for a in range(first, h):
                lemma = adjective_lemma(self.toks[a].text, head.tag.case, None, head.tag.gender or "masc", plural)
                words.append(lemma or self.toks[a].text)  # a foreign name as written
            head_form = head.inflect({"nomn", "plur" if plural else "sing"})
            words.append(restore_case(tok.text, head_form.word) if head_form else tok.text)
            lemma = " ".join(words) + self.text[tok.end:self.toks[end].end] if end > h else " ".join(words)
            lemma = lemma[0].upper() + lemma[1:]
            self.add("body", " ".join(lemma.split()), "body", first, end)

    def _department(self, h: int, head: Parse, end: int) -> bool:
        """Whether a lower-case "управление" or "департамент" is a local government's department,
        named by its field in the genitive ("в управлении здравоохранения", "управления энергетики и
        ЖКХ", "управлении сельского хозяйства"), not management of something ("управление рисками",
        "управление государства", "системы управления качества"), one department, not several."""
        if head.normal_form not in _DEPARTMENTS or head.tag.number != "sing" or not self.toks[h].text.islower() \
                or end == h:
            return False  # "руководители управлений спорта" in the regions: departments in general
        k = h + 1
        while self.word(k) and self.toks[k].text.islower() and parses_of(self.toks[k].text)[0].tag.POS == "ADJF":
            k += 1  # "сельского хозяйства", "социальной защиты"
        field = self.word(k)
        return field is not None and field.text.islower() and any(
            p.tag.case == "gent" and p.normal_form in _FIELDS for p in parses_of(field.text))

    def _department_end(self, h: int, end: int) -> int:
        """A department's name without the place it serves: "департаменте экологии по области",
        "управления сельского хозяйства региона"."""
        for k in range(h + 1, end):
            if self.toks[k].lower == "по" and self.word(k + 1) and lemma_of(self.toks[k + 1].text) in _WHERE:
                return k - 1
        return end - 1 if end > h + 1 and lemma_of(self.toks[end].text) in _WHERE else end

    def _capitalised_attribute(self, k: int) -> bool:
        """Whether the capitalised adjective at `k` qualifies the common noun after it, both words of a
        body's name: "Содружество Независимых Государств", "Рабочая группа по Парламентской реформе"."""
        n = self.word(k + 1)
        if not (parses_of(self.toks[k].text)[0].tag.POS == "ADJF" and n is not None and self.free(k + 1)
                and parses_of(n.text)[0].tag.POS == "NOUN" and (known_common(n.text) or n.text.islower())):
            return False
        return bool({p.tag.case for p in parses_of(self.toks[k].text) if p.tag.POS == "ADJF"}
                    & {p.tag.case for p in parses_of(n.text) if p.tag.POS == "NOUN"})

    def _of_the_state(self, h: int) -> bool:
        """Whether the place the glossary knows follows the head at `h` ("… комиссии Республики
        Казахстан"): a state's body, named so, is a name even where the capital is a sentence's."""
        return h + 1 < len(self.toks) and self.covered[h + 1] and self.covered_type[h + 1] == "place"

    def _foreign_name_before(self, h: int) -> bool:
        """Whether a capitalised word the dictionary does not know stands right before the head at
        `h`, not first in the sentence: a name in another language that declines no further, not a
        surname ("наградить Михаила Шайдорова орденом", "Бауыржана Бабажанулы орденом")."""
        k = h - 1
        return self.word(k) is not None and self.free(k) and k != self.first and is_capitalised(self.toks[k].text) \
            and CYRILLIC.search(self.toks[k].text) is not None \
            and not any(p.is_known for p in parses_of(self.toks[k].text)) \
            and not (surname_shaped(self.toks[k].text) or is_patronymic(self.toks[k].text))

    def _place_adjective(self, k: int, head: Parse) -> bool:
        """Whether the word at `k` is a capitalised adjective agreeing with `head` that the glossary
        reads as a place ("Атырауского" before "областного управления")."""
        t = self.word(k)
        return t is not None and not self.claimed[k] and self.covered_type[k] == "place" \
            and is_capitalised(t.text) and any(p.tag.POS == "ADJF" and p.tag.case == head.tag.case
                                               for p in parses_of(t.text))

    def _levelled(self, adjectives: list[int], head: Parse) -> bool:
        """"территориальной избирательной комиссии", "республиканский штаб": a single body named
        in lower case by the level it works at (not "областного центра", a city, nor the plural
        "участковых избирательных комиссий", a kind of body)."""
        return head.tag.number == "sing" and head.normal_form != "центр" and any(
            lemma_of(self.toks[a].text) in _LEVEL_ADJECTIVES for a in adjectives)

    def _attribution(self, h: int) -> bool:
        """Whether the words around `h` credit a news source ("передает агентство Kazinform", a
        dateline): the agency is no body the release is about."""
        before = [t for t in self.toks[max(0, h - 4):h] if t.word]
        if any(lemma_of(t.text) in ("передавать", "сообщать", "писать", "корреспондент") for t in before):
            return True
        return bool(_DATELINE.match(self.text[:self.toks[h].start])) and h + 1 < len(self.toks) \
            and self.toks[h + 1].text in "–—-"  # "Нур-Султан. 27 октября. КазТАГ – …"

    def _people_of(self, k: int) -> bool:
        """Whether the word at `k` is people in the genitive plural, in lower case ("мусульман",
        "журналистов"), whom a place after them belongs to, inside a body's name."""
        t = self.word(k)
        return t is not None and t.text.islower() and any(
            p.tag.POS == "NOUN" and "anim" in p.tag and p.tag.case == "gent" and p.tag.number == "plur"
            for p in parses_of(t.text))

    def _complement(self, h: int, bare: bool = False) -> int:
        """The last token of a body's genitive complement ("цифрового развития, инноваций и …",
        "по международным делам, обороне и безопасности"); `h` when it has none. A head with no
        adjective of its own (`bare`) takes another state's name as its complement ("Сената Польши");
        a named one does not ("Великого Государственного Хурала Монголии": Монголия is a place)."""
        last, k, after_po = h, h + 1, False
        po_cases: set[str] = set()  # the cases the first noun after "по" may be in: a listed one shares them
        while k < len(self.toks) and k - h <= 12:
            t = self.toks[k]
            if t.text in (",",) or (t.word and t.lower == "и"):
                k += 1
                continue
            if t.word and t.lower == "по" and not after_po:
                after_po, k = True, k + 1
                continue
            if after_po and t.lower == "в" and self._region_in(k + 1):
                last = k + 1  # "по безопасности и сотрудничеству в Европе": the region ends the name
                break
            if t.word and self.covered[k] and self.covered_type[k] == "title" and not after_po \
                    and any(p.tag.case == "gent" for p in parses_of(t.text)):
                while k + 1 < len(self.toks) and self.covered[k + 1] and self.covered_type[k + 1] == "title":
                    k += 1  # "Совет Глав государств СНГ": the whole title, then an abbreviation may follow
                last, k = k, k + 1  # "Канцелярии премьер-министра": the office is named for its head
                continue
            if t.word and self.covered[k] and lemma_of(t.text) in EVERY_STATES \
                    and (named := self._foreign_name(k + 1, True)) is not None:
                last = named  # "Сената Парламента Малайзии": another state's chamber, named with its parliament
                break
            if t.word and self.covered[k] and self.covered_type[k] == "place" and not self.claimed[k] \
                    and last > h and self._people_of(last):
                while k + 1 < len(self.toks) and self.covered[k + 1] and self.covered_type[k + 1] == "place":
                    k += 1
                last = k  # "Духовного управления мусульман Казахстана": the people are the country's
                break
            if not t.word or self.claimed[k] or self.covered[k]:
                break  # "… Республики Казахстан", "… Маулена Ашимбаева", a parent body the glossary knows
                # ("гвардии МВД", "Комитета гражданской авиации Министерства транспорта"): no part of the name
            if (named := self._foreign_name(k, bare and k == h + 1)) is not None:
                last = named  # "Сената Польши", "Сената Олий Мажлиса": another state's body
                break
            if len(t.text) > 1 and t.text.isupper() and not self.covered[k]:  # "ООН", "США"
                if after_po and not any(p.is_known and "Geox" in p.tag for p in parses_of(t.text)):
                    break  # "Управления по предупреждению чрезвычайных ситуаций ДЧС ВКО": its parent's letters
                    # (a state's stay: "Комиссии по ценным бумагам и биржам США")
                last, k = k, k + 1
                continue
            wanted = {"datv", "gent", "loct", "ablt"} if after_po else {"gent"}
            parses = parses_of(t.text)
            if not parses or parses[0].tag.POS not in ("NOUN", "ADJF", "PRTF") or \
                    not any(p.tag.case in wanted for p in parses):
                break
            listed = self.toks[k - 1].text == "," or self.toks[k - 1].lower == "и"
            if is_capitalised(t.text) and not self.covered[k] and not (
                    known_common(t.text) and parses[0].tag.POS == "NOUN"
                    and (len(t.text) > 3 or self._capitalised_attribute(k - 1))) \
                    and (listed or not self._capitalised_attribute(k)):
                break  # a name ("… Ивана Петрова") or the next body of a list ("…, Вооруженных сил"), not
                # a word of the body's ("Совет Безопасности", "Содружества Независимых Государств")
            if listed and parses[0].tag.POS == "PRTF":
                break  # "…, состоявшемся в октябре": a participle's clause
            cases = {p.tag.case for p in parses if p.tag.case in wanted}
            if after_po and listed and po_cases and not cases & po_cases:
                break  # "Департамента по чрезвычайным ситуациям и местных исполнительных органов": another body
            if after_po and not po_cases and parses[0].tag.POS == "NOUN":
                po_cases = cases
            if is_capitalised(t.text) and parses[0].normal_form in _BODY_HEADS and listed:
                break  # the next body of a list ("Вооруженных сил и Комитета …", "…, Академии полиции")
            last = k
            k += 1
        commas = [j for j in range(h + 1, last) if self.toks[j].text == ","]
        if commas and not any(self.toks[j].lower == "и" for j in range(commas[-1], last)):
            last = commas[0] - 1  # "Академии полиции, лесного хозяйства, а также …": bodies listed, no "и" closing
        return last

    def _region_in(self, k: int) -> bool:
        """Whether the word at `k` is a part of the world in the locative ("Европе", "Азии"), which an
        international body's name may end with; a town there is where a body sits ("… в Астане")."""
        t = self.word(k)
        return t is not None and self.free(k) and any(p.tag.case == "loct" and p.normal_form in _PARTS_OF_THE_WORLD
                                                      for p in parses_of(t.text))

    def _foreign_name(self, k: int, state: bool) -> int | None:
        """The last token of another state's name in the genitive at `k` ("Польши": the dictionary's
        place; only where `state`) or of a parliament's name in its own language ("Олий Мажлиса": a
        word the dictionary does not know as a common one, then a body's head), which ends a body's
        name; None when `k` starts neither."""
        t = self.toks[k]
        if not is_capitalised(t.text) or self.covered[k] or not CYRILLIC.search(t.text):
            return None
        parses = parses_of(t.text)
        if state and any(p.is_known and "Geox" in p.tag and p.tag.case == "gent" for p in parses):
            return k
        head = self.word(k + 1)
        if head is not None and self.free(k + 1) and not known_common(t.text) and is_capitalised(head.text) \
                and any(p.normal_form in _BODY_HEADS and p.tag.case == "gent" for p in parses_of(head.text)):
            return k + 1
        return None

    # -- titles: "Чрезвычайным и Полномочным Послом", "экс-аким" --
    def titles(self) -> None:
        for h, tok in enumerate(self.toks):
            if not tok.word or not self.free(h):
                continue
            low = tok.lower
            if low.startswith("экс-") and term_key(lemma_of(low[4:]) or low[4:]) in self.title_keys:
                self.add("title", "экс-" + lemma_of(low[4:]), "title", h, h)
                continue
            if lemma_of(tok.text) not in _TITLE_HEADS or not is_capitalised(tok.text) or h == self.first:
                continue
            case = head_case(tok.text)[0]
            first, k, words = h, h - 1, []
            while self.word(k) and self.free(k) and is_capitalised(self.toks[k].text):
                lemma = adjective_lemma(self.toks[k].text, case, None, "masc")
                if lemma is None:
                    break
                words.insert(0, lemma.lower())
                first, k = k, k - 1
                if self.word(k) and self.toks[k].lower == "и":
                    words.insert(0, "и")
                    k -= 1
            if words and words[0] == "и":
                words.pop(0)
                first += 1
            if words:  # "Чрезвычайный и Полномочный Посол"; a capitalised "Послом" alone is no title
                self.add("title", " ".join([*words, lemma_of(tok.text)]), "title", first, h)
