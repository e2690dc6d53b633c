"""People in a sentence: a run of name-like words read as first name, patronymic and surname, or a
surname after initials."""

from __future__ import annotations

import re

from pipeline.glossary.match import MAN_S_SURNAME, NAMED_AFTER
from pipeline.glossary.suggest.names import (HONORIFICS_BEFORE_SURNAME, SON_OR_DAUGHTER,
                                             person_lemma, son_or_daughter_surname, woman_key)
from pipeline.glossary.suggest.sentence import Found, Sentence
from pipeline.glossary.suggest.words import (SURNAME_ENDING, is_capitalised, is_patronymic, known_common,
                                             lemma_of, namelike, noun_lemma, parses_of, place_word, restore_case,
                                             strip_case, surname_in_ovich, surname_like, surname_shaped)
from pipeline.lookalikes import CYRILLIC

#: A monarch's ordinal after the name: "Фредерика X", "Елизаветы II".
_ROMAN = re.compile(r"[IVX]+")
#: Offices whose holder a release names by one first name ("Папы Франциска", "Королю Дании Фредерику
#: X") or by a name in East Asian order ("Генерального секретаря ЦК КПВ То Лама").
_OFFICES = frozenset("""король королева папа принц принцесса эмир султан шейх патриарх император президент
председатель секретарь генсек канцлер премьер-министр""".split())
#: Nouns after a first name that are no surname: a title, a body's or a place's word.
_NOT_SURNAMES = frozenset("""президент министр аким депутат посол председатель глава премьер-министр
сенатор спикер советник директор заместитель губернатор мэр банк фонд центр комитет""".split())
_INITIALS = re.compile(r"(?:[А-ЯЁӘҒҚҢӨҰҮІҺ]\.\s?-?){1,2}$")

#: English words of a company's name, transliterated, that end it: "Крида Корпорейшн" is no person.
_COMPANY_WORDS = frozenset({"корпорейшн", "компани", "групп", "груп", "холдингс", "интернешнл", "лимитед",
                            "энерджи", "майнинг", "ресорсиз", "партнерс", "текнолоджис"})


#: Verbs of saying, whose speaker follows them after a quotation: "— сообщила Майра Мельдебекова".
_SPEAKING = frozenset({"сообщить", "сказать", "отметить", "заявить", "подчеркнуть", "рассказать", "добавить",
                       "пояснить", "уточнить"})


#: A khan named with his title after the name: "Касым хана", "Букей-хана" (the name does not decline).
_KHAN = re.compile(r"(?:хан|хана|хану|ханом|хане)$")


#: Nouns a family's plural surname follows, and that surname ("Мукашевы", "Ахметовых": Мукашев, Ахметов).
_KIN = frozenset({"брат", "сестра", "супруг", "супруга", "семья", "династия"})
_FAMILY_SURNAME = re.compile(r"([А-ЯЁ][а-яё]{2,}(?:ов|ев|ёв|ин|ын))(?:ы|ых|ым|ыми)")


def _known_first_name(word: str) -> bool:
    """Whether the dictionary knows `word` as a first name."""
    return any(p.is_known and "Name" in p.tag for p in parses_of(word))


def _instrumental_pair(words: list[str]) -> bool:
    """Whether two words both in the instrumental's "-ом"/"-ем", the first unknown to the dictionary,
    are a foreign first name and surname ("с министром … Гидеоном Сааром"), the surname also a
    place's name ("Саар")."""
    return words[0][-2:] == words[1][-2:] in ("ом", "ем") and not any(p.is_known for p in parses_of(words[0]))


class PersonFinder(Sentence):
    """The person finder of a sentence."""

    def khans(self) -> None:
        """"ставка Касым хана", "памяти Букей-хана": a historical khan, filed as "Касым хан" and
        "Букей-хан"; his name stays as written, the title declines."""
        for i, tok in enumerate(self.toks):
            if not (tok.word and self.free(i) and is_capitalised(tok.text) and CYRILLIC.search(tok.text)):
                continue
            name, dash, title = tok.text.rpartition("-")
            if dash and name and _KHAN.fullmatch(title):
                self.add("person", f"{name}-хан", "person", i, i)
            elif i != self.first and self.word(i + 1) and self.free(i + 1) and _KHAN.fullmatch(self.toks[i + 1].text) \
                    and self.toks[i - 1].text not in "«\"„“":  # «Жошы хан»: a building's name
                self.add("person", f"{tok.text} хан", "person", i, i + 1)

    # -- persons --
    def titled_persons(self) -> None:
        """A holder named after the office by what `persons` cannot read as a name: one first name
        (and a monarch's ordinal), two or three words whose first is a short East Asian surname
        ("То Лама", "Хо Ши Мина"), or a first name and a surname that is also a word ("Эммануэлем
        Макроном"); between the office and the name may stand the state, an abbreviation or a
        capitalised adjective ("Папы Римского Франциска")."""
        for h, tok in enumerate(self.toks):
            if not tok.word or lemma_of(tok.text) not in _OFFICES:
                continue
            cases = {p.tag.case for p in parses_of(tok.text) if p.tag.POS == "NOUN" and p.tag.number == "sing"}
            k = h + 1
            while self.word(k) and k - h <= 4 and (not self.free(k) or place_word(self.toks[k].text)
                                                   or (len(self.toks[k].text) > 1 and self.toks[k].text.isupper())
                                                   or self._capitalised_adjective(k)):
                k += 1
            last = k - 1
            while self.word(last + 1) and self.free(last + 1) and last + 1 - k < 3 and \
                    is_capitalised(self.toks[last + 1].text) and CYRILLIC.search(self.toks[last + 1].text):
                last += 1
            words = [t.text for t in self.toks[k:last + 1]]
            if len(words) == 1:
                name = next((p for p in parses_of(words[0]) if p.is_known and "Name" in p.tag and p.tag.case in cases), None)
                if name is None:
                    continue
                lemma = restore_case(words[0], name.normal_form)
                if self.word(last + 1) and _ROMAN.fullmatch(self.toks[last + 1].text):
                    last += 1
                    lemma += " " + self.toks[last].text
            elif 2 <= len(words) <= 3 and len(words[0]) <= 3 and not _known_first_name(words[1]):
                last_word = next((s for c in sorted(cases) if (s := strip_case(words[-1], c)) != words[-1]), words[-1])
                lemma = " ".join([*words[:-1], last_word])
            elif 2 <= len(words) <= 3 and not namelike(words[-1]) and any(
                    "Name" in p.tag and p.tag.case in cases for p in parses_of(words[0])):
                lemma = person_lemma(words[0], words[-1], tuple(words[1:-1]))[0]  # "Эммануэль Макрон": "макрон" is a word
            else:
                continue
            self.add("person", lemma, "person", k, last)

    def _capitalised_adjective(self, k: int) -> bool:
        """Whether the word at `k` is a capitalised adjective only ("Римского" between "Папы" and the name)."""
        return is_capitalised(self.toks[k].text) and all(p.tag.POS == "ADJF" for p in parses_of(self.toks[k].text))

    def families(self) -> None:
        """"братья Мукашевы", "супругов Ахметовых": a family named by its surname in the plural, filed
        under the man's surname, the form a person's entry takes."""
        for i, tok in enumerate(self.toks):
            kin = self.word(i - 1)
            m = _FAMILY_SURNAME.fullmatch(tok.text)
            if m and kin and self.free(i) and lemma_of(kin.text) in _KIN:
                self.add("person", m.group(1), "person", i, i)

    def persons(self) -> None:
        i = 0
        while i < len(self.toks):
            if not (self.word(i) and self.free(i) and namelike(self.toks[i].text)):
                i += 1
                continue
            j = i
            while True:
                if self.word(j + 1) and self.free(j + 1) and namelike(self.toks[j + 1].text) \
                        and not _ROMAN.fullmatch(self.toks[j + 1].text):  # "Фредерика X": the ordinal ends the name
                    j += 1
                elif i == j and self._honorific_after(j):
                    j += 2  # "Наурызбая кажы Таганулы"
                else:
                    break
            if i == j and self._surname_that_is_a_word(i + 1):
                self._name_and_word(i)
                i += 2
                continue
            self._person_run(i - 1 if self._short_surname_before(i) or self._first_name_before(i, j) else i, j)
            i = j + 1

    def _honorific_after(self, k: int) -> bool:
        """Whether an honorific and a son's or a daughter's surname follow the first name at `k`."""
        honorific, surname = self.word(k + 1), self.word(k + 2)
        return honorific is not None and surname is not None and self.free(k + 1) and self.free(k + 2) \
            and honorific.text in HONORIFICS_BEFORE_SURNAME and son_or_daughter_surname(surname.text)

    def _surname_that_is_a_word(self, k: int) -> bool:
        """Whether the capitalised word at `k`, right after a first name the dictionary knows, is a
        surname that is also a common noun ("Наталья Пан"), not a place or a body's word."""
        t = self.word(k)
        return t is not None and self.free(k) and is_capitalised(t.text) and CYRILLIC.search(t.text) is not None \
            and _known_first_name(self.toks[k - 1].text) \
            and known_common(t.text) and parses_of(t.text)[0].tag.POS == "NOUN" \
            and not place_word(t.text) and lemma_of(t.text) not in _NOT_SURNAMES

    def _name_and_word(self, i: int) -> None:
        """"Натальей Пан": the first name's case read from the dictionary, the surname declined as the
        common noun it also is ("Пана" → "Пан", "Розы" → "Роза")."""
        name = next(p for p in parses_of(self.toks[i].text) if p.is_known and "Name" in p.tag)
        word = self.toks[i + 1].text
        surname = noun_lemma(word, name.tag.case) if any(p.tag.case == name.tag.case for p in parses_of(word)) else word
        self.add("person", f"{restore_case(self.toks[i].text, name.normal_form)} {surname}", "person", i, i + 1,
                 surname=surname)

    def _first_name_before(self, i: int, j: int) -> bool:
        """Whether the capitalised word before a lone surname is a first name that is also a thing
        ("министр юстиции Канат Мусин": "канат", a rope), not a title ("Посол Мусин")."""
        k = i - 1
        return i == j and surname_shaped(self.toks[i].text) and self.word(k) is not None and self.free(k) \
            and k != self.first and is_capitalised(self.toks[k].text) and bool(parses_of(self.toks[k].text)) \
            and all(p.tag.POS == "NOUN" and "inan" in p.tag for p in parses_of(self.toks[k].text))

    def _short_surname_before(self, i: int) -> bool:
        """Whether a capitalised word of two or three letters before a name the dictionary does not
        know is its surname, first in Chinese order ("Си Цзиньпина"): not a sentence's first word."""
        k = i - 1
        return self.word(k) is not None and self.free(k) and k != self.first and 2 <= len(self.toks[k].text) <= 3 \
            and is_capitalised(self.toks[k].text) and not any(p.is_known for p in parses_of(self.toks[i].text))

    def _initial_before(self, i: int) -> str:
        m = _INITIALS.search(self.text, 0, self.toks[i].start)
        return m.group().strip() if m else ""

    def _first_name_of_a_place(self, i: int, j: int) -> bool:
        """Whether the place's word at `i` is the first name of the surname that ends the run: in the
        nominative before a Russian-shaped surname ("в Словении Алтай Абибуллаев": Алтай is a man's name
        too), or a first name the dictionary knows before a word that is no place ("Питера Фостера")."""
        word = self.toks[i].text
        surname = self.toks[j].text
        if i + 1 != j or not is_capitalised(surname):
            return False
        if lemma_of(word) == word.lower() and MAN_S_SURNAME.fullmatch(surname.lower()) is not None:
            return True
        # "Питера Фостера": a first name the dictionary knows (also St Petersburg's), before no place
        return not place_word(surname) and _known_first_name(word)

    def _gender_hint(self, i: int, j: int) -> str:
        """The gender of a past-tense verb right after a name ("Дарига Назарбаева встретилась"), of a
        verb of saying right before it ("— сообщила Майра Мельдебекова"), or of one before the
        nominative title the name stands in apposition to ("сообщила первый вице-министр просвещения
        Майра Мельдебекова"), else "femn" after a woman's noun the name stands in apposition to, its
        genitives between ("жительница села Карой Нуринского района Кулкен Мухамеджанова")."""
        for k in range(j + 1, min(j + 4, len(self.toks))):
            if self.toks[k].word and (gender := self._past_tense_gender(k)) is not None:
                return gender
        said = self.word(i - 1)
        if said is not None and said.text.islower() and lemma_of(said.text) in _SPEAKING \
                and (gender := self._past_tense_gender(i - 1)) is not None:
            return gender
        if self._title_case_before(i) == "nomn":
            k = i - 1
            while self.word(k) and (self.toks[k].text.islower() or self._place_genitive(k)) and i - k <= 9:
                if (gender := self._past_tense_gender(k)) is not None:
                    return gender
                k -= 1
        for k in range(i - 1, max(-1, i - 7), -1):
            if not self.word(k):
                break
            top = parses_of(self.toks[k].text)[0]
            if top.tag.POS == "NOUN" and "anim" in top.tag and top.tag.gender == "femn" and top.tag.case == "nomn" \
                    and "Name" not in top.tag and "Surn" not in top.tag:
                return "femn"
        return ""

    def _place_genitive(self, k: int) -> bool:
        """Whether the capitalised word at `k` may be a place's genitive in a title's complement
        ("руководитель управления образования Актюбинской области"): an adjective or a place's name in
        the genitive, which no person's name before the person is."""
        tok = self.toks[k]
        return is_capitalised(tok.text) and any(p.tag.case == "gent" and (p.tag.POS == "ADJF" or "Geox" in p.tag)
                                                for p in parses_of(tok.text))

    def _past_tense_gender(self, k: int) -> str | None:
        """The gender of the word at `k` if it is a past-tense verb ("" in the plural), else None."""
        top = parses_of(self.toks[k].text)[0]
        return top.tag.gender or "" if top.tag.POS == "VERB" and top.tag.tense == "past" else None

    def _title_case_before(self, i: int) -> str:
        """"nomn" when the name at `i` stands in apposition to a title that can only be nominative, its
        genitives between, a place's too ("министр просвещения Жулдыз Сулейменова", where "министра"
        would be the genitive; "руководитель управления образования Актюбинской области …"), else ""."""
        for k in range(i - 1, max(-1, i - 8), -1):
            t = self.word(k)
            if t is not None and self._place_genitive(k):
                continue  # "руководитель управления образования Актюбинской области Булбул Кузембаева"
            if t is None or not t.text.islower():
                return ""
            nouns = [p for p in parses_of(t.text) if p.tag.POS == "NOUN"]
            if nouns and all("anim" in p.tag for p in nouns):
                return "nomn" if all(p.tag.case == "nomn" for p in nouns) else ""
            if not nouns and not any(p.tag.POS in ("ADJF", "CONJ") for p in parses_of(t.text)):
                return ""
        return ""

    def _feminine(self, name: str, surname: str) -> str:
        """"femn" when the release writes this person elsewhere in a form only a woman's name has."""
        ending = SURNAME_ENDING.search(surname.lower())
        return "femn" if name and ending and woman_key(name, surname[:ending.end(1)]) in self.feminine else ""

    def _named_after(self, i: int) -> bool:
        """Whether the name at `i` follows "им."/"имени" (with initials between): the school or
        street is named after the person, whom the release does not mention."""
        start = self.toks[i].start
        return bool(NAMED_AFTER.search(self.text, max(0, start - 60), start))

    def _quoted(self, i: int, j: int) -> bool:
        """Whether tokens `i`…`j` are all a quoted name: a building's or club's («Халық Арена»), not a person."""
        return i > 0 and j + 1 < len(self.toks) and self.toks[i - 1].text in "«\"“" and self.toks[j + 1].text in "»\"”"

    def _person_run(self, i: int, j: int) -> None:
        if self._named_after(i) or self._quoted(i, j):
            return
        while i < j and (place_word(self.toks[i].text) or not CYRILLIC.search(self.toks[i].text)) \
                and not self._first_name_of_a_place(i, j):
            i += 1  # "Польши Томашем Гродзким", "компании ExxonMobil Питером …": the place or company is no name
        words = [self.toks[k].text for k in range(i, j + 1)]
        if len(words) > 1 and words[-1].lower() in _COMPANY_WORDS:
            self.add("body", " ".join(words), "body", i, j)  # "Крида Корпорейшн": a company, as written
            return
        first_name = len(words) == 2 and (_known_first_name(words[0]) or _instrumental_pair(words))
        if any(not CYRILLIC.search(w) for w in words) \
                or (place_word(words[0]) and not self._first_name_of_a_place(i, j)) \
                or (place_word(words[-1]) and not first_name):
            return  # "Новой Зеландии", "Штатов Америки": a place; "Игоря Бабушкина" a person
        if len(words) == 2 and (top := parses_of(words[0])[0]).is_known and top.tag.POS == "ADJF" \
                and not _known_first_name(words[1]):
            return  # "в Северном Арале": a place's adjective and noun, no first name and surname
        roman = self.toks[j + 1].text if j + 1 < len(self.toks) and _ROMAN.fullmatch(self.toks[j + 1].text) else ""
        if roman and _known_first_name(words[-1]):
            case = next((p.tag.case for p in parses_of(words[-1]) if "Name" in p.tag), None)
            self.add("person", f"{noun_lemma(words[-1], case, prefer='Name')} {roman}", "person", j, j + 1)
            return  # "Королевы Елизаветы II": a monarch
        hint = self._gender_hint(i, j)
        if len(words) == 3 and words[1] in HONORIFICS_BEFORE_SURNAME:
            name, nominative = person_lemma(words[0], words[2], gender_hint="masc")
            first = name.removesuffix(" " + nominative)
            self.add("person", f"{first} {words[1]} {nominative}", "person", i, j, surname=nominative)
            return
        if len(words) == 1:
            initial = self._initial_before(i)
            if initial or (surname_shaped(words[0]) and i != self.first):
                nominative = person_lemma("", words[0], gender_hint=hint)[1]
                start = self.text.rfind(initial, 0, self.toks[i].start) if initial else self.toks[i].start
                self.claimed[i] = True
                self.found.append(Found("person", nominative, "person", start, self.toks[i].end,
                                         surname=nominative, initial=initial[:1]))
            return
        strong = any(is_patronymic(w) or surname_shaped(w) for w in words) or \
            any(_known_first_name(w) for w in words) or \
            any(not any(p.is_known for p in parses_of(w)) for w in words)
        if not strong:
            return
        known_name = [_known_first_name(w) for w in words]
        if len(words) >= 3 and not known_name[0] and known_name[1] and not is_patronymic(words[2]):
            self._person_run(i + 1, j)  # "Балтфлоту Роман Мартов": the name starts at "Роман"
            return
        if len(words) == 2 and is_patronymic(words[1]) and not son_or_daughter_surname(words[1]) \
                and not surname_in_ovich(words[1]):
            return  # "Герман Михайлович": no surname to file the person under ("Берик Абдыгалиулы",
            # "Аркадий Дворкович" have one)
        middle: tuple[str, ...] = ()
        if len(words) >= 3 and is_patronymic(words[2]):  # decree order: Фамилия Имя Отчество
            name, surname, last = words[1], words[0], i + 2
        elif len(words) >= 3 and is_patronymic(words[1]):  # Имя Отчество Фамилия
            name, surname, last = words[0], words[2], i + 2
        elif surname_like(words[0]) and not surname_like(words[1]) and _known_first_name(words[1]) \
                and not _known_first_name(words[0]):
            name, surname, last = words[1], words[0], i + 1  # Фамилия Имя
        elif len(words) == 3 and not any(surname_like(w) for w in words[:2]):
            name, middle, surname, last = words[0], (words[1],), words[2], i + 2  # Кэтрин Джейн Лич
        else:
            name, surname, last = words[0], words[1], i + 1
        if last == j and self.word(j + 1) and self.free(j + 1) and self.toks[j + 1].text in SON_OR_DAUGHTER:
            surname, last = f"{surname} {self.toks[j + 1].text}", j + 1  # "Тургунбек уулу": undeclined
        lemma, nominative = person_lemma(name, surname, middle, hint or self._feminine(name, surname),
                                         self._title_case_before(i))
        self.add("person", lemma, "person", i, last, surname=nominative)
        if j > last + 1:
            self._person_run(last + 1, j)
