"""Places in a sentence: districts and regions by their adjectives, settlements after their head
noun, rivers and lakes, a road's places, states by their official names, places the dictionary knows."""

from __future__ import annotations

import re

from pipeline.glossary.match import (NAMED_AFTER, OUTLET_NAME, PLANTS, QUOTES, RELATIONAL_ADJECTIVE_FORM,
                                     ROAD_NUMBER, relational_stem)
from pipeline.glossary.suggest.names import son_or_daughter_surname
from pipeline.glossary.suggest.sentence import Found, Sentence, Tok
from pipeline.glossary.suggest.words import (NEVER, adjective_lemma, head_case, head_cases, is_capitalised,
                                             is_patronymic, known_common, known_proper, lemma_of, noun_lemma,
                                             parses_of, place_word, restore_case, strip_case, surname_shaped)
from pipeline.lookalikes import CYRILLIC

_PLACE_HEADS = {"район": "district", "область": "region", "регион": "region", "провинция": "region",
                "округ": "okrug", "агломерация": "landmark", "водохранилище": "landmark", "море": "landmark",
                "озеро": "landmark", "река": "landmark", "месторождение": "landmark", "долина": "landmark",
                "аймак": "landmark", "ханство": "landmark", "гидроузел": "landmark", "контррегулятор": "landmark"}
_GENDERS = {"область": "femn", "провинция": "femn", "агломерация": "femn", "река": "femn", "водохранилище": "neut",
            "озеро": "neut", "месторождение": "neut", "море": "neut", "долина": "femn", "ханство": "neut"}
#: Heads of a water body or a valley named by an undeclined noun after them: a river or a valley is
#: filed by its name ("реки Жайык": Жайык, "долину Номгон": Номгон), a lake with its head, since lakes
#: share names with towns ("озеро Алаколь").
_WATER_HEADS = {"река": False, "озеро": True, "долина": False}
#: Water works and ancient sites named by quoted names after them, each a place as written (a quoted
#: name does not decline): "два водохранилища — «Бәйдібек ата» и «Қарақуыс»", "канал «Саркырама»",
#: "на городище «Культобе»".
_QUOTED_SITES = frozenset({"водохранилище", "канал", "городище"})
#: A name in quotes of one or two words, captured.
_QUOTED = r"[«\"“„]([А-ЯЁӘҒҚҢӨҰҮІҺ][\w-]*(?:\s[\w-]+)?)[»\"”]"
_FIRST_QUOTED = re.compile(rf"\s*(?:[—–]\s*)?{_QUOTED}")
_NEXT_QUOTED = re.compile(rf"\s*(?:,|\bи\b)\s*{_QUOTED}")
#: What a road or a pipeline is called before its quoted name: "автодороги «Актобе-Карабутак-Улгайсын»",
#: "по водоводу «Астрахань-Мангышлак»", "по маршруту «Астана — Жантеке — Егиндиколь»".
_ROAD_HEADS = frozenset({"автодорога", "дорога", "трасса", "автомагистраль", "водовод", "водопровод", "газопровод",
                         "нефтепровод", "трубопровод", "проект", "маршрут"})  # a railway's project: «Достык - Мойынты»
#: A road's status between its head and its quoted name: "дороги республиканского значения «…»".
_ROAD_STATUS = re.compile(r"\s+(?:республиканского|областного|районного|местного|международного)\s+значения(?=\s*[«\"“„])")
#: The most tokens a road's quoted name spans, its quotation marks included: six places and their
#: dashes ("«Астана — Жантеке — Егиндиколь — Аркалык — Торгай — Иргиз»"), with room to spare.
_ROUTE_TOKENS = 21
#: Between the places of a road's name: "Актобе-Карабутак", "Кызылорда – Жезказган".
_ROUTE_SEPARATOR = re.compile(r"\s*[-–—]\s*")
_SETTLEMENT_HEADS = frozenset({"город", "село", "посёлок", "поселок", "аул", "порт", "зона", "микрорайон",
                               "местность", "станция"})
#: What opens a list of settlements after their plural head, and what parts its items: "в селах: —
#: Жалғызағаш и Қайнар (Ескельдинский район) — Сарытөбе", "сёл — Оймауыт".
_LIST_OPENERS = frozenset({":", "—", "–"})
_LIST_SEPARATORS = frozenset({",", ";", "—", "–"})
#: Settlement heads written short, with a full stop: "г. Щучинск", "мкр. Аккент".
_SHORT_HEADS = frozenset({"г", "мкр"})
#: A name in quotes right after its head: ' "Алматы"', ' «Есиль»'.
_QUOTED_AFTER = re.compile(rf"\s*{_QUOTED}")
#: A stretch of road or railway named by the places it joins, unquoted: "на участке Достык – Мойынты"
#: (a dash with spaces, or an en or em dash: a hyphen joins the parts of one name, "Усть-Каменогорск").
_PLACE_NAME = r"[А-ЯЁӘҒҚҢӨҰҮІҺ]\w+(?:-[А-ЯЁӘҒҚҢӨҰҮІҺ]\w+)*"
_BARE_SEPARATOR = re.compile(r"\s+-\s+|\s*[–—]\s*")
_BARE_ROUTE = re.compile(rf"\s*({_PLACE_NAME}(?:(?:{_BARE_SEPARATOR.pattern}){_PLACE_NAME})+)")
#: Before the first of the stretches a head lists, and between them: "линий: Кызылжар –Мойынты,
#: Дарбаза — Мактаарал".
_ROUTES_OPEN = re.compile(r"\s*:")
_NEXT_ROUTE = re.compile(r"\s*,")
_STRETCH_HEADS = frozenset({"участок", "линия"})
#: Nouns before two names joined by a hyphen that make them two places, a route's ends ("переходах
#: Алашанькоу-Достык"); elsewhere such a name is one place ("древние города — Ширик-Рабат").
_PAIR_HEADS = _ROAD_HEADS | _STRETCH_HEADS | {"переход", "пункт", "направление", "сообщение", "коридор", "рейс"}
#: Lower-case adjectives between a place's own adjective and its head, part of its name:
#: "Жамбылский сельский округ", "Синьцзян-Уйгурский автономный район".
_KIND_ADJECTIVES = frozenset({"сельский", "автономный"})
#: Heads of an oil or gas site named after a place: "на участке Тургай палеозой" is the exploration
#: block, not the Turgai region (a stretch between places, "участке Достык – Мойынты", is a route).
_SITE_HEADS = frozenset({"участок", "блок"})
#: A monument, a work or an event, whose hero or title after it is no place: "памятник Манасу", "эпос
#: «Манас»", "форум «Алтай Инвест»".
_WORKS = frozenset({"памятник", "монумент", "эпос", "поэма", "роман", "фильм", "опера", "песня", "книга",
                    "форум", "фестиваль", "выставка", "конкурс"})
#: A Soviet republic's letters after its adjectives: "Казахская ССР", "Каракалпакская АССР".
_SOVIET_REPUBLICS = frozenset({"ССР", "АССР"})
#: A plant's or an industrial zone's word before its quoted name, which is the plant's or the zone's,
#: no place: 'завода "Каспий"', "индустриальной зоны «Акмола»", "СЭЗ «Сарыарка»".
_PLANT_BEFORE = re.compile(r"(?:\b(?:завод|фабрик|комбинат|станци|зон)\w*|\b(?:СЭЗ|%s))\s*[«\"„“]$"
                           % "|".join(sorted(plant.upper() for plant in PLANTS)))
#: The last letters of a Kazakh place's name that Russian does not decline: "Кендерли", "Косшы".
_UNDECLINED_FINALS = tuple("иыоэ")
#: The directions a road may be named by: «Центр – Запад», «Север – Юг».
_DIRECTIONS = frozenset({"центр", "север", "юг", "запад", "восток"})
#: A park's or a building's noun after its name, in the Kazakh order: "Триатлон парк", "Жастар сарайы".
_FACILITIES = frozenset({"парк", "сквер", "бульвар", "сад", "стадион", "арена", "комплекс", "центр"})
#: Letters of Kazakh only, Latin letters and a news agency's words before its name: what
#: `leftover_places` leaves alone (with an adjective's endings, `RELATIONAL_ADJECTIVE_FORM`).
_KAZAKH_ONLY = re.compile("[ӘҒҚҢӨҰҮІҺәғқңөұүһі]")
_LATIN = re.compile("[A-Za-z]")
_AGENCY_BEFORE = re.compile(r"\b(?:МИА|агентств\w*|передает|передаёт|сообщает)\s+$")
_PLACE_PREPOSITIONS = {"в": "loct", "во": "loct", "из": "gent", "до": "gent", "около": "gent",
                       "близ": "gent", "к": "datv"}


#: Honorifics that follow a Kazakh name and belong to it, a village's named after its hero too:
#: "Наурызбай батыр", "Сарыбай би", "Биржан сал", "Шал акын".
_HONORIFICS = frozenset({"батыр", "би", "сал", "акын", "ата", "ана", "хан"})
#: A list's separators, before and after a name listed without a head ("Зерендинский район:
#: Васильковка, Садовое и Заречное;").
_LIST_BEFORE = frozenset({":", ",", "и"})
_LIST_AFTER = frozenset({",", ";", ".", "и"})
#: The heads a list of villages follows, before its colon: "Зерендинский район:", "в населенных
#: пунктах:", "в селах:".
_VILLAGE_LIST_HEADS = frozenset({"район", "округ", "пункт", "село", "аул", "посёлок", "поселок"})


def _kazakh_word(word: str) -> bool:
    """A word in lower case that continues a Kazakh name as written ("Жибек жолы", "Сарыбай би"):
    an honorific, Kazakh letters, or a short word the Russian dictionary does not know (not a
    compound it lacks: "агрохолдинг", "фельдшерско-акушерский")."""
    return word[:1].islower() and (word in _HONORIFICS or bool(_KAZAKH_ONLY.search(word)) or (
        len(word) <= 5 and "-" not in word and not any(p.is_known for p in parses_of(word))))


def _lake_name(name: str) -> str:
    """A place named after a lake, Kazakh "көл", is written "-коль" in Russian: the guesser's "Талдыкол"
    for "в Талдыколе" is Талдыколь (as Алаколь, Егиндыколь, Аулиеколь)."""
    return name + "ь" if name.endswith("кол") and len(name) > 5 else name


class PlaceFinder(Sentence):
    """The place finders of a sentence."""

    # -- places with a head noun: "Уланского района", "Уланского и Созакского районов" --
    def places(self) -> None:
        for h, tok in enumerate(self.toks):
            # a head opening the sentence too: "Водохранилище «Каракуыс» объемом …", "Село Аккайын – …"
            lemma = lemma_of(tok.text) if tok.word and (tok.text.islower() or h == self.first) else ""
            if lemma in _QUOTED_SITES:
                self._quoted_site(h)
            if lemma in _PLACE_HEADS:  # covered too: "Известного и Нового районов" may hold one entry
                self._adjective_places(h, lemma)
                if lemma == "область" and not self.covered[h]:
                    self._named_region(h)
                elif lemma in ("регион", "провинция") and not self.covered[h]:
                    self._foreign_region(h)
                elif lemma == "район":
                    self._quoted_district(h)
                    if head_case(tok.text)[1] == "plur":
                        self._districts_listed_after(h)
                elif lemma == "округ" and self.word(h - 1) and lemma_of(self.toks[h - 1].text) == "сельский":
                    self._districts_listed_after(h, rural=True)
                elif lemma in _WATER_HEADS and not self.covered[h]:
                    self._named_water(h, lemma)
            elif lemma in _ROAD_HEADS or lemma in _STRETCH_HEADS:
                self._route(h)
            elif (lemma in _SETTLEMENT_HEADS and tok.word) or (tok.text in _SHORT_HEADS and h + 1 < len(self.toks)
                                                             and self.toks[h + 1].text == ".") \
                    or (lemma == "пункт" and self.word(h - 1) and self.toks[h - 1].lower.startswith(("населенн", "населённ"))):
                self._settlement(h)  # "населенных пунктов Женис, Жанатурмыс и Достык" too

    def _adjective_places(self, h: int, head: str) -> None:
        number = head_case(self.toks[h].text)[1]
        case = head_cases(self.toks[h].text)
        gender = _GENDERS.get(head, "masc")
        k = h - 1
        between = ""
        if self.word(k) and self.toks[k].text.islower() and (kind := lemma_of(self.toks[k].text)) in _KIND_ADJECTIVES:
            between, k = " " + kind, k - 1  # "Синьцзян-Уйгурского автономного района"
        adjectives: list[int] = []  # nearest the head first; more only before a plural head
        # a landmark is a place of its own, also where the glossary knows its adjective's place
        # ("Алматинской агломерации", Алматы's adjective; "Капшагайского водохранилища")
        landmark = _PLACE_HEADS[head] == "landmark" and self.free(h)
        while self.word(k) and is_capitalised(self.toks[k].text) and (
                self.free(k) or (landmark and not self.claimed[k] and self.covered_type[k] == "place")):
            adjectives.append(k)
            j = k - 1
            if self.free(j) and self.toks[j].text == ",":
                j -= 1
            if self.word(j) and self.toks[j].lower == "и":
                j -= 1
                if self.free(j) and self.toks[j].text == ",":
                    j -= 1
            if number != "plur" or j == k - 1 or not (self.word(j) and is_capitalised(self.toks[j].text)):
                break
            k = j
        for k in adjectives:
            word = self.toks[k].text
            if k == self.first and "Qual" in parses_of(word)[0].tag:
                continue  # "Новое водохранилище и магистральные каналы …": a sentence's capital, no name
            lemma = adjective_lemma(word, case, number, gender)
            if lemma is None or not lemma.lower().endswith(("ий", "ый", "ой", "ая", "ое", "ее")):
                continue
            stem = relational_stem(lemma)
            name = f"{lemma}{between} {'округ' if head == 'округ' else head}"
            last = h if k == adjectives[0] else k
            self.add("place", name, _PLACE_HEADS[head], k, last, stem=stem)

    def _named_region(self, h: int) -> None:
        """"области Абай": a region named by a noun after the head, which stays undeclined."""
        n, after = self.word(h + 1), self.word(h + 2)
        if n and is_capitalised(n.text) and self.free(h + 1) and not known_common(n.text) \
                and CYRILLIC.search(n.text) and any(p.tag.case == "nomn" for p in parses_of(n.text)) \
                and not (after and is_capitalised(after.text)):
            self.add("place", f"область {n.text}", "region", h, h + 1, stem=n.text)

    def _foreign_region(self, h: int) -> None:
        """"губернатор региона Шида Картли Михаил Шакулашвили", "с провинцией Синьцзян": a region named
        by one or two capitalised words after "регион" or "провинция", undeclined, up to a known first
        name (its governor's)."""
        last = h
        while last - h < 2 and (n := self.word(last + 1)) and self.free(last + 1) and is_capitalised(n.text) \
                and CYRILLIC.search(n.text) and not known_common(n.text) \
                and not any(p.is_known and "Name" in p.tag for p in parses_of(n.text)):
            last += 1
        if any(surname_shaped(t.text) for t in self.toks[h + 1:last + 1]):
            return  # "акима региона Космана Айтмухаметова": the region's akim, named
        if last > h and not self.matched(self.text[self.toks[h + 1].start:self.toks[last].end]):
            self.add("place", self.text[self.toks[h + 1].start:self.toks[last].end], "region", h + 1, last)

    def _districts_listed_after(self, h: int, rural: bool = False) -> None:
        """"в районах Жана Талап и Туран": districts named after their plural head, each in one or two
        undeclined capitalised words; not a place of the head's own ("районах Жамбылской области",
        "районы Турции"). A rural district (`rural`: "в сельских округах Байнассай и Танирберген",
        "в сельском округе Дон") is filed by its name, and one name after a singular head is one."""
        k, names = h + 1, []
        while (n := self.word(k)) and self.free(k) and is_capitalised(n.text) and CYRILLIC.search(n.text) \
                and not any(p.tag.POS == "ADJF" for p in parses_of(n.text)) \
                and (not place_word(n.text) or any(p.tag.case == "nomn" and p.tag.number == "sing"
                                                   for p in parses_of(n.text))):  # not "районы Турции"
            last = k + 1 if self._second_word_of_name(k + 1) else k
            names.append((k, last))
            k = last + 1
            if self.word(k) and self.toks[k].lower == "и":
                k += 1
            elif k < len(self.toks) and self.toks[k].text == ",":
                k += 1
            else:
                break
        if rural:
            for first, last in names:
                self.add("place", self.text[self.toks[first].start:self.toks[last].end], "settlement", first, last)
            return
        for first, last in names if len(names) > 1 else ():
            self.add("place", "район " + self.text[self.toks[first].start:self.toks[last].end], "district", first, last)

    def _second_word_of_name(self, k: int) -> bool:
        """Whether the capitalised word at `k` continues the name before it ("Жана Талап"): not an
        adjective ("… Мартукского района") nor a person's name after it ("округа Жанаарка Ерлан
        Серикович", "Бирлик Жамбыл Карабаев")."""
        m, after = self.word(k), self.word(k + 1)
        return m is not None and self.free(k) and is_capitalised(m.text) and not surname_shaped(m.text) \
            and not any(p.tag.POS == "ADJF" for p in parses_of(m.text)) \
            and not (after is not None and (surname_shaped(after.text) or is_patronymic(after.text)))

    def _quoted_district(self, h: int) -> None:
        """"район «Алматы»", "района "Есиль"": a city's district named in quotes, also after a city
        the glossary knows (Astana's district is not the city of Almaty)."""
        m = _QUOTED_AFTER.match(self.text, self.toks[h].end)
        if m is None:
            return
        inside = [k for k, t in enumerate(self.toks) if m.start(1) <= t.start and t.end <= m.end(1)]
        if inside and not any(self.claimed[k] for k in [h, *inside]):
            self.add("place", f"район {m.group(1)}", "district", h, inside[-1])

    def _named_water(self, h: int, head: str) -> None:
        """"реки Жайык", "озера Алаколь": a water body named by the capitalised noun after its head,
        in the nominative where the dictionary knows it declined ("реки Сырдарьи": Сырдарья), a common
        word's spelling too ("реки Шу", "реки Или"), and each river of a list after it ("рек Балабоген и
        Улькен-Боген")."""
        k = h + 1
        listing = not _WATER_HEADS[head]  # "рек Балабоген и Улькен-Боген": the rivers of a list
        plural = head_case(self.toks[h].text)[1] == "plur"
        while (n := self.word(k)) and self.free(k) and is_capitalised(n.text) and CYRILLIC.search(n.text) \
                and (not known_common(n.text) or self._listed(k) or (k == h + 1 and self._in_apposition(h, k))):
            geo = next((p for p in parses_of(n.text) if p.is_known and "Geox" in p.tag), None)
            name = restore_case(n.text, geo.normal_form) if geo else n.text
            if _WATER_HEADS[head]:
                self.add("place", f"{head} {name}", "landmark", h, k, stem=name)
            else:
                self.add("place", name, "landmark", k, k, stem=name)
            after = self.toks[k + 1].lower if k + 1 < len(self.toks) else ""
            if not (listing and (after == "и" or (after == "," and plural))):
                break
            k += 2  # "на реках Биен, Биже, Хоргос": a plural head's list goes on past commas

    def _in_apposition(self, h: int, k: int) -> bool:
        """Whether the common word at `k` may be the name of the water body at `h` that it follows, a
        noun in the nominative or in the head's case ("реки Шу"), not another phrase's word ("озера
        Управлением экологии")."""
        case = head_case(self.toks[h].text)[0]
        return any(p.tag.POS == "NOUN" and p.tag.case in ("nomn", case) for p in parses_of(self.toks[k].text))

    def _quoted_site(self, h: int) -> None:
        """Each quoted name after a reservoir's, a canal's or an ancient site's word, and after the
        names it lists."""
        m = _FIRST_QUOTED.match(self.text, self.toks[h].end)
        while m:
            inside = [k for k, t in enumerate(self.toks) if m.start(1) <= t.start and t.end <= m.end(1)]
            if inside and all(self.free(k) for k in inside):
                self.add("place", m.group(1), "landmark", inside[0], inside[-1])
            m = _NEXT_QUOTED.match(self.text, m.end())

    def _route(self, h: int) -> None:
        """"автодороги «Актобе-Карабутак-Улгайсын»", "участке Достык – Мойынты": each place a road's
        quoted name or a stretch's dashes join, as written (they keep their places in the
        nominative); places the glossary knows are left out."""
        after = self.toks[h].end
        if (colon := _ROUTES_OPEN.match(self.text, after)) and lemma_of(self.toks[h].text) in _STRETCH_HEADS:
            after = colon.end()
        bare = _BARE_ROUTE.match(self.text, after)
        if bare:
            self._stretch(bare.start(1), bare.end(1), _BARE_SEPARATOR)
            # the further stretches of a list: "участков Алтынколь — Жетыген, Жезказган — Сексеул"
            while (comma := _NEXT_ROUTE.match(self.text, bare.end())) \
                    and (bare := _BARE_ROUTE.match(self.text, comma.end())):
                self._stretch(bare.start(1), bare.end(1), _BARE_SEPARATOR)
        else:
            opening = h + 1  # each quoted name of a list: "проекты «Мойынты – Кызылжар», «Дарбаза - Мактаарал»"
            if h + 4 < len(self.toks) and ROAD_NUMBER.fullmatch(self.text, self.toks[h + 1].start, self.toks[h + 3].end):
                opening = h + 4  # "трассы А-27 «Атырау – Доссор»": the road's number before its name
            elif (status := _ROAD_STATUS.match(self.text, self.toks[h].end)) is not None:
                # "дороги республиканского значения "Астана – Шидерты – Павлодар""
                opening = next(k for k in range(h + 1, len(self.toks)) if self.toks[k].start >= status.end())
            if lemma_of(self.toks[h].text) in _STRETCH_HEADS or not (opening + 1 < len(self.toks)
                                                                     and self.toks[opening].text in QUOTES):
                return
            while opening + 1 < len(self.toks) and self.toks[opening].text in QUOTES:
                mark = QUOTES[self.toks[opening].text]
                close = next((k for k in range(opening + 1, min(opening + _ROUTE_TOKENS, len(self.toks)))
                              if self.toks[k].text == mark), None)
                if close is None:
                    break
                start, end = self.toks[opening + 1].start, self.toks[close].start
                # bare hyphens part the places only where no dash does: «Актобе-Карабутак», but
                # «Алматы – Усть-Каменогорск» keeps its hyphenated town
                separator = _BARE_SEPARATOR if _BARE_SEPARATOR.search(self.text, start, end) else _ROUTE_SEPARATOR
                self._stretch(start, end, separator, places_only=lemma_of(self.toks[h].text) == "проект")
                # the list goes on past ", «" or " и «"
                listed = close + 1 < len(self.toks) and self.toks[close + 1].lower in (",", "и")
                opening = close + 2 if listed else len(self.toks)

    def _stretch(self, start: int, end: int, separator: re.Pattern[str], places_only: bool = False) -> None:
        """Each place of the route named between `start` and `end`, joined by `separator`; with
        `places_only` (a project's quoted name), none unless every part is a name, no word: «Достык -
        Мойынты» is a railway, «Ауыл – Ел бесігі» and «Бизнес-Старт» are programmes."""
        offset, parts = start, []
        for part in separator.split(self.text[start:end]):
            at = self.text.index(part, offset)
            parts.append((part, at))
            offset = at + len(part)
        if len(parts) < 2 or (places_only and not all(
                is_capitalised(part) and part.isalpha() and not known_common(part) for part, _ in parts)):
            return
        if all(lemma_of(part) in _DIRECTIONS for part, _ in parts):
            return  # «Центр – Запад»: a road named by directions, no places
        for part, at in parts:
            if not (is_capitalised(part) and CYRILLIC.search(part) and part.replace("-", "").isalpha()):
                continue  # "М-32", "Граница РФ" are no settlements ("Усть-Каменогорск" is one)
            inside = [k for k, t in enumerate(self.toks) if t.start < at + len(part) and at < t.end]
            if any(self.covered[k] and self.toks[k].start == at and self.toks[k].end == at + len(part)
                   for k in inside) or self.matched(part):
                continue
            for k in inside:
                self.claimed[k] = True
            self.found.append(Found("place", part, "settlement", at, at + len(part), stem=part))

    def matched(self, name: str) -> bool:
        """Whether the glossary has `name` on its own (a part of a hyphenated word is never matched
        inside it)."""
        return bool(self.matcher.find(name))

    def _settlement(self, h: int) -> None:
        """"города Щучинска", "в городе Щучинске", "г. Щучинск": the name in the head's case."""
        station = lemma_of(self.toks[h].text) == "станция"
        opened = False  # a list after a colon or a dash, whose items dashes part too
        if self.toks[h].text in _SHORT_HEADS:
            n_at = h + 2
            prep = self.word(h - 1)
            case = _PLACE_PREPOSITIONS.get(prep.lower) if prep else "nomn"
        else:
            n_at = h + 1
            case, number = head_case(self.toks[h].text)
            governed = case  # "в трех селах — Жанаталапе, Коктале": the items after a dash decline with the head
            if number == "plur" or case == "accs" or station:
                # "городов Усть-Каменогорск и Урджар": each name as written; "в микрорайон Сарыарка": a
                # thing's accusative is its nominative; "до станции Жанаарка": a station's is never declined
                case = "nomn"
            opened = number == "plur" and n_at < len(self.toks) and self.toks[n_at].text in _LIST_OPENERS
            headings = opened and self.toks[n_at].text == ":"  # after a colon each item is a heading, as written
            while opened and self.toks[n_at].text in _LIST_OPENERS and n_at + 1 < len(self.toks):
                n_at += 1  # "сёл — Оймауыт", "в селах: — Жалғызағаш и Қайнар (Ескельдинский район) — Сарытөбе"
            if opened and not headings and governed in ("loct", "datv", "ablt"):
                case = governed
            if self.toks[h].lower.startswith("порт") and n_at < len(self.toks) \
                    and self.toks[n_at].text in QUOTES:  # "сухой порт «Хоргос»" (a zone's quoted name is its own)
                n_at, case = n_at + 1, "nomn"
        if self.word(n_at) and self.toks[n_at].lower == "имени":
            self._named_after_someone(h, n_at)  # "села имени Наги Ильясова"
            return
        if h == self.first and self.word(n_at) and not any(p.tag.case == "nomn" for p in parses_of(self.toks[n_at].text)):
            return  # "Город Будущего строится": a project's title, no town in apposition to the head
        while True:
            n = self.word(n_at)
            # a capitalised word after the head is the settlement's name, also where it is a word
            # ("в селе Кулан", "в городах Тараз, Шу": villages and towns named by common nouns)
            if not n or not is_capitalised(n.text) or n.lower in NEVER \
                    or (len(n.text) == 1 and CYRILLIC.search(n.text)):  # "посёлку К. Кайсенова": an initial
                return
            own_head = self.word(n_at + 1)
            if n_at > h + 1 and own_head is not None and own_head.text.islower() \
                    and lemma_of(own_head.text) in _PLACE_HEADS.keys() | _SETTLEMENT_HEADS:
                return  # "город Аягоз и Чарское водохранилище": the next item has a head of its own
            after, then = self.word(n_at + 1), self.word(n_at + 2)
            if after and is_capitalised(after.text) and (is_patronymic(after.text) or surname_shaped(after.text)
                                                         and not (then and is_capitalised(then.text)
                                                                  and surname_shaped(then.text))):
                return  # "аким города Нуржан Ахатов", "начальник станции Ерлан Серикович": a person, the place
                # left unnamed ("поселка Бурабай Серикболсын Хасенов" names both: a first name in -ын before the surname)
            if station and (not CYRILLIC.search(n.text) or (
                    after and after.text.islower() and parses_of(n.text) and parses_of(n.text)[0].tag.POS == "ADJF")):
                return  # "станции Helios": a brand; "станции Скорой медицинской помощи": the adjective of a noun
            last = self._latin_name_end(n_at)
            if last > n_at and all(self.free(k) for k in range(n_at, last + 1)):
                name = self.text[n.start:self.toks[last].end]  # "G4 City": a Latin name, undeclined
                self.add("place", name, "settlement", n_at, last)
                n_at = last
            elif self.free(n_at):
                lemma = noun_lemma(n.text, case, prefer="Geox") if known_proper(n.text) \
                    else strip_case(n.text, case)
                name, last = self._settlement_name(lemma, n_at)
                if self.toks[h].text == "мкр" or lemma_of(self.toks[h].text) == "микрорайон":
                    name, last = self._numbered(name, last)
                    # "Институт", "Жулдыз" alone name no place an editor would file
                    self.add("place", f"микрорайон {name}", "microdistrict", n_at, last, stem=name)
                else:
                    self.add("place", name, "settlement", n_at, last)
                n_at = last
            nxt = n_at + 1
            if opened and nxt < len(self.toks) and self.toks[nxt].text == "(":
                close = next((k for k in range(nxt + 1, min(nxt + 6, len(self.toks))) if self.toks[k].text == ")"), None)
                nxt = close + 1 if close is not None else nxt  # "Сарытөбе (Панфиловский район) — Жаңалық"
            if nxt < len(self.toks) and self.toks[nxt].text in (_LIST_SEPARATORS if opened else {","}):
                nxt += 1
            if not (self.word(nxt) and self.toks[nxt].lower == "и") and nxt == n_at + 1:
                return
            n_at = nxt + 1 if self.word(nxt) and self.toks[nxt].lower == "и" else nxt

    def _named_after_someone(self, h: int, named: int) -> None:
        """"села имени Наги Ильясова": a settlement named after a person, filed with its head and
        "имени" as the set and the glossary file such names ("район имени Магжана Жумабаева"); the
        person's name, initials too, as written."""
        last = named
        while last + 1 < len(self.toks) and last - named < 4 and self.free(last + 1) and (
                (is_capitalised(nxt := self.toks[last + 1].text)  # not "… Президент", "… Жамбылской области"
                 and not any(p.tag.POS == "ADJF" or (p.is_known and p.tag.POS == "NOUN" and p.tag.case == "nomn"
                                                     and not {"Name", "Surn"} & p.tag.grammemes) for p in parses_of(nxt)))
                or (nxt == "." and len(self.toks[last].text) == 1)):  # "К. Кайсенова"
            last += 1
        if last > named and self.free(h) and self.free(named):
            head = lemma_of(self.toks[h].text) if self.toks[h].text not in _SHORT_HEADS else "город"
            self.add("place", f"{head} имени {self.text[self.toks[named + 1].start:self.toks[last].end]}",
                     "settlement", h, last)

    def _settlement_name(self, lemma: str, i: int) -> tuple[str, int]:
        """A settlement's name starting with `lemma` (the nominative of the word at `i`) and its last
        token: with a second capitalised word no common noun is ("в микрорайоне Улы Дала"), or any
        noun after an adjective, which names nothing alone ("на станциях Семиглавый Мар, Мырза"), or
        with a Kazakh tail ("вблизи села Жибек жолы")."""
        if self._second_word_of_name(i + 1) and (self._noun_of_an_adjective_name(i) or not any(
                p.is_known and p.tag.POS == "NOUN" for p in parses_of(self.toks[i + 1].text))):
            return f"{lemma} {self.toks[i + 1].text}", i + 1
        return self._with_kazakh_tail(lemma, i)

    def _noun_of_an_adjective_name(self, i: int) -> bool:
        """Whether the adjective at `i` and the capitalised noun after it are one name ("Красный Яр",
        "Семиглавый Мар"): the noun agrees with it or has no nominative the dictionary knows, and
        names no person ("в селе Первомайское Глава района", "Заречный Президент")."""
        top = parses_of(self.toks[i].text)[0]
        noun = parses_of(self.toks[i + 1].text)
        if top.tag.POS != "ADJF" or any(p.is_known and "anim" in p.tag for p in noun):
            return False
        nominative = [p for p in noun if p.is_known and p.tag.POS == "NOUN" and p.tag.case == "nomn"]
        return not nominative or any(p.tag.gender == top.tag.gender and p.tag.number == top.tag.number
                                     for p in nominative)

    def _numbered(self, name: str, last: int) -> tuple[str, int]:
        """`name` with the number joined to it by a hyphen, if any, and its last token: "Самал-2"."""
        if last + 2 < len(self.toks) and self.toks[last + 1].text == "-" and self.toks[last + 2].text.isdigit() \
                and self.toks[last + 2].start == self.toks[last].end + 1:
            return f"{name}-{self.toks[last + 2].text}", last + 2
        return name, last

    def _with_kazakh_tail(self, name: str, i: int) -> tuple[str, int]:
        """`name` (the nominative of the word at `i`) with the lower-case word after it that continues
        a Kazakh name ("Жибек жолы", "Наурызбай батыр"), and the name's last token."""
        tail, after = self.word(i + 1), self.word(i + 2)
        if tail is not None and self.free(i + 1) and _kazakh_word(tail.text) \
                and not (after is not None and son_or_daughter_surname(after.text)):  # "Наурызбай кажы Таганулы"
            return name + self.text[self.toks[i].end:tail.end], i + 1
        return name, i

    def _latin_name_end(self, i: int) -> int:
        """The last token of a name in Latin letters and digits starting at `i` ("G4 City"), or `i`."""
        if CYRILLIC.search(self.toks[i].text):
            return i
        last = i
        while last + 1 < len(self.toks) and not CYRILLIC.search(nxt := self.toks[last + 1].text) \
                and (nxt.isdigit() or (nxt[:1].isupper() and nxt.isalpha())):
            last += 1
        return last

    def republics(self) -> None:
        """"Федеративной Республики Германия": an official country name, with its adjectives;
        "Российской Федерации", "Китайской Народной Республики": a state named by its adjectives."""
        for h, tok in enumerate(self.toks):
            if tok.text in _SOVIET_REPUBLICS and self.free(h):
                first, words = h, []  # "в Казахскую ССР": the adjective says the case the letters do not
                while self.word(first - 1) and self.free(first - 1) and is_capitalised(self.toks[first - 1].text) \
                        and (lemma := adjective_lemma(self.toks[first - 1].text, None, None, "femn")):
                    words.insert(0, lemma)
                    first -= 1
                if words:
                    self.add("place", " ".join([*words, tok.text]), "known-place", first, h)
                continue
            if tok.word and self.free(h) and lemma_of(tok.text) == "федерация" and is_capitalised(tok.text):
                self._state_by_adjectives(h, "Федерация")
                continue
            if not (tok.word and self.free(h) and lemma_of(tok.text) == "республика"
                    and is_capitalised(tok.text)):
                continue
            # "Республики Северная Македония": the name's own adjective, undeclined, before it
            name = h + 2 if self._nominative_adjective(h + 1) else h + 1
            n = self.word(name)
            if not (n and self.free(name) and is_capitalised(n.text) and known_proper(n.text)
                    and not any("Name" in p.tag or "Surn" in p.tag for p in parses_of(n.text))):
                # "Республики Корея", not "Республики Ильхамом Алиевым" (the president named next)
                self._state_by_adjectives(h, "Республика")
                continue
            first, words = self._adjectives_before(h)
            self.add("place", " ".join([*words, "Республика", self.text[self.toks[h + 1].start:n.end]]),
                     "known-place", first, name)

    def _nominative_adjective(self, k: int) -> bool:
        """Whether the word at `k` is a capitalised adjective in the nominative singular ("Северная")."""
        t = self.word(k)
        return t is not None and self.free(k) and is_capitalised(t.text) and any(
            p.tag.POS == "ADJF" and p.tag.case == "nomn" and p.tag.number == "sing" for p in parses_of(t.text))

    def _state_by_adjectives(self, h: int, head: str) -> None:
        """The capitalised adjectives before the head at `h`, with it, in the nominative."""
        first, words = self._adjectives_before(h)
        if words:
            self.add("place", " ".join([*words, head]), "known-place", first, h)

    def _adjectives_before(self, h: int) -> tuple[int, list[str]]:
        """The first token of the capitalised adjectives agreeing with a feminine head at `h`
        ("Федеративной Республики", "Китайской Народной Республики"), and their nominatives."""
        case, number = head_case(self.toks[h].text)
        first, words = h, []
        while self.word(first - 1) and self.free(first - 1) and is_capitalised(self.toks[first - 1].text):
            lemma = adjective_lemma(self.toks[first - 1].text, case, number, "femn")
            if lemma is None:
                break
            words.insert(0, lemma)
            first -= 1
        return first, words

    # -- places the dictionary knows, alone: "Германии", "в Щучинске" --
    def known_places(self) -> None:
        for i, tok in enumerate(self.toks):
            if tok.word and self.free(i) and len(tok.text) > 1 and tok.text.isupper() and \
                    parses_of(tok.text) and parses_of(tok.text)[0].is_known and "Geox" in parses_of(tok.text)[0].tag:
                self.add("place", tok.text, "known-place", i, i)  # "США", "ФРГ"
                continue
            if not (tok.word and self.free(i) and is_capitalised(tok.text)) or tok.lower in NEVER \
                    or _PLANT_BEFORE.search(self.text, max(0, tok.start - 30), tok.start) or self._work_named(i) \
                    or OUTLET_NAME.search(self.text, max(0, tok.start - 60), tok.start):  # "передает Деловой Казахстан"
                continue
            parses = parses_of(tok.text)
            top = parses[0] if parses else None
            prep = self.word(i - 1)  # a preposition, or an adjective of the name
            if prep and prep.text.islower() and lemma_of(prep.text) in _SITE_HEADS:
                continue
            if top is not None and "Geox" not in top.tag and prep and i != self.first:
                # "в Гори": a place the dictionary knows, though a verb's reading ("гори") is likelier;
                # "на Ближнем Востоке": a place its capitalised adjective names, not the east
                if prep.lower in _PLACE_PREPOSITIONS:
                    cases = {_PLACE_PREPOSITIONS[prep.lower]}
                elif is_capitalised(prep.text) and i - 1 != self.first:
                    cases = {p.tag.case for p in parses_of(prep.text) if p.tag.POS == "ADJF"}
                else:
                    cases = set()
                top = next((p for p in parses if "Geox" in p.tag and p.is_known and p.tag.case in cases), top)
            if top is None or "Geox" not in top.tag:
                self._unknown_place(i, prep)
                continue
            if top.is_known and (i != self.first or all("Geox" in p.tag for p in parses if p.is_known)):
                name, first = restore_case(tok.text, top.normal_form), i
                if prep and self.free(i - 1) and is_capitalised(prep.text) and i - 1 != self.first \
                        and (adjective := adjective_lemma(prep.text, top.tag.case, top.tag.number,
                                                           top.tag.gender or "masc")):
                    name, first = f"{adjective} {name}", i - 1  # "Центральной Азии", "Южной Кореи"
                self.add("place", name, "known-place", first, i)
            elif not top.is_known and prep and prep.lower in _PLACE_PREPOSITIONS and top.score >= 0.5:
                self.add("place", restore_case(tok.text, top.normal_form), "settlement", i, i)

    def _work_named(self, i: int) -> bool:
        """Whether the name at `i` is a monument's hero or a work's or an event's title ("памятник
        Айкол Манасу", "эпос «Манас»", "форум «Алтай Инвест»"): no place, though the dictionary knows
        one by that name."""
        k = i - 1
        while k >= 0 and k >= i - 3 and (not self.toks[k].word or is_capitalised(self.toks[k].text)):
            k -= 1  # past quotation marks and an epithet ("Айкол")
        return k >= 0 and self.toks[k].word and lemma_of(self.toks[k].text) in _WORKS

    def _unknown_place(self, i: int, prep: Tok | None) -> None:
        """"в Бурабае": a word the dictionary does not know, whose guessed readings include a place
        in the case its preposition governs, is that place, though a first name is guessed likelier;
        after "в", so is one read as a thing in the locative only ("в Сарайшыке", "в Анкоридже"), not
        an organisation's name ("в Казатомпроме"); and an undeclined one listed after a place the
        glossary knows ("в Катон-Карагае, Зайсане и Кендерли")."""
        parses = parses_of(self.toks[i].text)
        listed = i - 2 if (prep and prep.lower == "и") or (i > 0 and self.toks[i - 1].text == ",") else -1
        if listed >= 0 and self.covered_type[listed] == "place" and not any(p.is_known for p in parses) \
                and self.toks[i].lower[-1:] in _UNDECLINED_FINALS:
            # "в Катон-Карагае, Зайсане и Кендерли": after a place of the glossary, an undeclined name
            self.add("place", self.toks[i].text, "settlement", i, i)
            return
        if not prep or prep.lower not in _PLACE_PREPOSITIONS or any(p.is_known for p in parses):
            return
        case = _PLACE_PREPOSITIONS[prep.lower]
        place = next((p for p in parses if "Geox" in p.tag and p.tag.case == case), None)
        top = parses[0]
        if place is None and prep.lower in ("в", "во") and top.score >= 0.5 and top.tag.POS == "NOUN" \
                and top.tag.case == case and "inan" in top.tag and not {"Orgn", "Abbr"} & top.tag.grammemes:
            place = top
        if place is not None:
            self.add("place", _lake_name(restore_case(self.toks[i].text, place.normal_form)), "settlement", i, i)

    def leftover_places(self) -> None:
        """A capitalised word inside the sentence that no other finder and no entry took, alone, not
        quoted and not a person's: a place the editor should see ("соединяющую Юго-Восток с
        Майкудуком"). The finders before it know the constructions; this one catches the places a
        release names without one, which are most of what a new release brings. Two names joined by
        a hyphen after a route's noun are two places ("переходах Алашанькоу-Достык"), one elsewhere
        ("древние города — Ширик-Рабат"). Left out: adjectives, outlets
        ("передает МИА Казинформ"), names after an initial ("им. И. Журбы"), surnames, oil fields, and words
        in Kazakh letters (buildings and programmes written as in Kazakh: "Үкімет үйі")."""
        for i, tok in enumerate(self.toks):
            if self._listed_neuter_adjective(i):
                self.add("place", tok.text, "leftover", i, i)  # "Зерендинский район: Садовое, Заречное"
                continue
            if not (tok.word and self.free(i) and i != self.first and is_capitalised(tok.text)) \
                    or not CYRILLIC.search(tok.text) or _LATIN.search(tok.text) or _KAZAKH_ONLY.search(tok.text) \
                    or NEVER & {tok.lower, lemma_of(tok.text)} or known_common(tok.text) or surname_shaped(tok.text) \
                    or RELATIONAL_ADJECTIVE_FORM.search(tok.lower) or self._inside_quotes(tok.start):
                continue
            if any(self.word(k) and k != self.first and is_capitalised(self.toks[k].text) for k in (i - 1, i + 1)):
                continue  # a name of several words: a person's or a body's, for their finders
            head = self.word(i - 1)
            if head and head.text.islower() and lemma_of(head.text) in _SITE_HEADS | {"месторождение"}:
                continue  # an oil field or a licence block: a company's asset, named by the company
            if OUTLET_NAME.search(self.text, max(0, tok.start - 60), tok.start) or self._work_named(i) \
                    or NAMED_AFTER.search(self.text, max(0, tok.start - 60), tok.start) \
                    or self._names_a_facility(i) \
                    or _AGENCY_BEFORE.search(self.text, max(0, tok.start - 30), tok.start) \
                    or (i >= 2 and self.toks[i - 1].text == "." and len(self.toks[i - 2].text) == 1):
                continue
            parses = parses_of(tok.text)
            top = parses[0] if parses else None
            if top is None or (top.is_known and (top.tag.POS != "NOUN" or {"Name", "Surn", "Patr"} & top.tag.grammemes)):
                continue
            parts = tok.text.split("-")
            if len(parts) == 2 and all(len(p) >= 4 and is_capitalised(p) for p in parts) and self._after_route_noun(i):
                self.add("place", parts[0], "leftover", i, i)
                self.found.append(Found("place", parts[1], "leftover", tok.start, tok.end))
                continue
            case = _PLACE_PREPOSITIONS.get(head.lower) if head else None
            if i > 0 and self.toks[i - 1].text == ":" and self._listed(i):
                case = "nomn"  # a list after a colon names its items: "Астраханский район: Первомайка"
            # a place the dictionary knows; for a word it does not, a "Geox" reading is a guess from the
            # ending ("Жабасак" read as the genitive of "Жабасаки")
            geo = next((p for p in parses if p.is_known and "Geox" in p.tag and case in (None, p.tag.case)), None)
            if geo is not None:
                name = restore_case(tok.text, geo.normal_form)
            elif tok.lower[-1:] in _UNDECLINED_FINALS or top.tag.POS != "NOUN":
                name = tok.text
            else:
                name = _lake_name(noun_lemma(tok.text, case or top.tag.case))
            name, last = self._with_kazakh_tail(name, i)
            self.add("place", name, "leftover", i, last)

    def _after_route_noun(self, i: int) -> bool:
        """Whether a route's noun (`_PAIR_HEADS`) stands before the hyphenated name at `i`, the list's
        earlier pairs between ("переходы Алашанькоу-Достык и Хоргос-Алтынколь")."""
        k = i - 1
        while k >= 0 and (self.toks[k].text in (",", "и")
                          or (is_capitalised(self.toks[k].text) and "-" in self.toks[k].text)):
            k -= 1
        head = self.word(k)
        return head is not None and lemma_of(head.text) in _PAIR_HEADS

    def _names_a_facility(self, i: int) -> bool:
        """Whether the name at `i` stands before the lower-case noun of a park or a building it names
        ("в Триатлон парке"), as Kazakh word order writes it: the facility's name, no place."""
        after = self.word(i + 1)  # in a case governed before the name, not the subject ("В Кульсары стадион построят")
        readings = [p for p in parses_of(after.text) if p.normal_form in _FACILITIES] if after is not None else []
        return after is not None and after.text.islower() and bool(readings) \
            and not any(p.tag.case in ("nomn", "accs") for p in readings)

    def _listed(self, i: int) -> bool:
        """Whether the word at `i` ends a list's item: a separator or the end follows it, or "и" and
        another capitalised name."""
        after = self.toks[i + 1].text if i + 1 < len(self.toks) else "."
        return after in _LIST_AFTER and (after != "и" or (self.word(i + 2) is not None
                                                         and is_capitalised(self.toks[i + 2].text)))

    def _listed_neuter_adjective(self, i: int) -> bool:
        """Whether the capitalised neuter adjective at `i` stands alone in a list of villages after a
        place's head and a colon, a village's name ("Зерендинский район: Садовое, Заречное"), not a
        noun's attribute nor a list of other things ("по направлениям: Социальное, Экономическое")."""
        tok = self.toks[i]
        if not (tok.word and self.free(i) and i != self.first and is_capitalised(tok.text)
                and tok.lower.endswith(("ое", "ее")) and self.toks[i - 1].text in _LIST_BEFORE
                and self._listed(i)):
            return False
        k = i - 1
        while k > 0 and self.toks[k].text != ":" and (self.toks[k].text in _LIST_BEFORE or self.word(k)):
            k -= 1
        return self.toks[k].text == ":" and self.word(k - 1) is not None \
            and lemma_of(self.toks[k - 1].text) in _VILLAGE_LIST_HEADS and any(
                p.tag.POS == "ADJF" and {"neut", "sing"} <= p.tag.grammemes for p in parses_of(tok.text))

    def _inside_quotes(self, at: int) -> bool:
        """Whether a quotation mark opened before `at` is still open: a quoted name is a company's, a
        plant's or an event's more often than a place's."""
        before = self.text[:at]
        return before.count("«") > before.count("»") or before.count("“") > before.count("”") \
            or before.count('"') % 2 == 1
