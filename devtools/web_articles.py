"""Hand-written news articles for the web-page corpus (:mod:`devtools.web_pages`).

Each article is what an analyst should get from its page: the headline, a standfirst
when the page shows one, then the body's blocks in order — paragraphs (``p``), sub-
headings (``h``), list items (``li``), quotations (``q``) and table rows (``row``, cells
split on ``|``). The byline, dateline and photo caption are drawn on the page but are
not article text (as in the public article-extraction benchmark's ground truth), so the
gold text leaves them out. Written for this project; the events are invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    slug: str
    headline: str
    standfirst: str
    byline: str
    date: str
    caption: str
    blocks: tuple[tuple[str, str], ...]

    def gold(self) -> str:
        """The article text an extractor should give, paragraphs blank-line separated."""
        out = [self.headline] + ([self.standfirst] if self.standfirst else [])
        out += [text.replace("|", " | ") if kind == "row" else text for kind, text in
                self.blocks]
        return "\n\n".join(out)


def _a(slug: str, headline: str, standfirst: str, byline: str, date: str, caption: str,
       *blocks: tuple[str, str]) -> Article:
    return Article(slug, headline, standfirst, byline, date, caption, blocks)


P, H, LI, Q, ROW = "p", "h", "li", "q", "row"

ARTICLES: tuple[Article, ...] = (
    _a("torkham", "Thousands cross at Torkham as deportation deadline passes",
       "Border officials report the busiest week since the crossing reopened in March.",
       "By Farida Noori", "3 November 2025", "Families wait at the Torkham crossing.",
       (P, "More than 24,000 people crossed from Pakistan into Afghanistan at Torkham in the "
           "seven days after the deadline for undocumented foreigners to leave, according to "
           "figures shared by border officials on Sunday."),
       (P, "Most of those crossing were women and children, many of whom had never lived in "
           "Afghanistan. Aid agencies said reception centres on the Afghan side were "
           "receiving three times the number of people they had been designed for."),
       (H, "Reception centres stretched"),
       (P, "At the main transit site near the crossing, families waited up to two days for "
           "registration, a cash grant and onward transport. Water trucking was doubled on "
           "Thursday after queues formed before dawn."),
       (Q, "“We left with what we could carry. The house, the shop, the school my daughters "
           "went to — all of it stayed behind,” said one returnee from Peshawar."),
       (P, "The International Organization for Migration said it had pre-positioned "
           "supplies for 10,000 people and was appealing for funds to cover the rest of the "
           "winter.")),
    _a("sennar", "Fighting near Sennar cuts the road to the south",
       "", "Staff reporter", "14 July 2025", "A market in Sennar town before the fighting.",
       (P, "Clashes between the army and the Rapid Support Forces closed the main road "
           "south of Sennar on Tuesday, trapping dozens of lorries carrying food and fuel, "
           "drivers and local officials said."),
       (P, "Residents described heavy shelling in the eastern districts of the town from "
           "early morning. The state health ministry said two hospitals had stopped "
           "admitting patients and were moving those already there to Singa."),
       (P, "The road is the only paved route between Sennar and the Blue Nile state, and "
           "traders warned that prices in the markets of Ed Damazin would rise within days "
           "if it stayed closed."),
       (P, "Humanitarian agencies said they had suspended movements on the route and were "
           "seeking guarantees of safe passage from both sides."),
       (P, "More than 150,000 people have fled the state since June, most of them towards "
           "Gedaref and Kassala, according to the latest displacement tracking figures.")),
    _a("goma", "Aid groups pause work in Goma camps after night of gunfire",
       "Two staff members were injured when armed men entered a displacement site.",
       "By Jean-Paul Mbuyi", "9 February 2025", "Shelters at the Bulengo site west of Goma.",
       (P, "Several international aid organisations suspended their activities in "
           "displacement camps around Goma on Monday after armed men entered the Bulengo "
           "site overnight and fired into the air for more than an hour."),
       (P, "Two staff members of a local partner organisation were injured and a warehouse "
           "holding food for 8,000 people was looted, the organisations said in a joint "
           "statement."),
       (P, "The camps west of the city hold an estimated 300,000 people who fled fighting "
           "in Masisi and Rutshuru territories. Many have lived there for more than a year."),
       (H, "What the agencies are asking for"),
       (LI, "Safe access to the sites for aid workers and supplies"),
       (LI, "An investigation into the looting of the warehouse"),
       (LI, "Protection for families who have reported threats"),
       (P, "Work would resume as soon as the security of staff and of the people they serve "
           "could be assured, the statement said.")),
    _a("rakhine", "Rakhine villagers flee as clashes spread to the coast",
       "", "By Aung Min Thu", "21 May 2024", "Boats moored near Sittwe.",
       (P, "Thousands of villagers in southern Rakhine have left their homes over the past "
           "week as fighting between the military and the Arakan Army moved towards the "
           "coast, residents and local aid workers said."),
       (P, "Boats carrying families were seen arriving in Sittwe, where monasteries and "
           "schools have been opened as temporary shelters. Prices of rice and cooking oil "
           "in the town have almost doubled since April."),
       (P, "Communications in much of the state remain cut, making it difficult to verify "
           "reports of casualties. A local volunteer group said it had recorded at least 14 "
           "civilian deaths in three villages."),
       (P, "The United Nations called on all parties to protect civilians and to allow "
           "humanitarian access, noting that more than half a million people in the state "
           "were already displaced before the latest fighting.")),
    _a("haiti", "Hurricane damage leaves southern Haiti without clean water",
       "Health workers fear a rise in cholera cases in the coming weeks.",
       "By Marie-Claude Pierre", "29 October 2025", "A flooded street in Jérémie.",
       (P, "Floodwater and landslides caused by the hurricane have damaged water systems in "
           "at least 40 communes of the Grand'Anse and Sud departments, leaving an estimated "
           "600,000 people without safe drinking water."),
       (P, "The health ministry said suspected cholera cases had been reported in Jérémie "
           "and Les Cayes, and that treatment centres were being reopened in both towns."),
       (ROW, "Department|People affected|Water points damaged"),
       (ROW, "Grand'Anse|310,000|126"),
       (ROW, "Sud|290,000|98"),
       (P, "Roads into the Tiburon Peninsula remain blocked in several places, and aid "
           "agencies are using boats and helicopters to reach isolated areas."),
       (P, "Teams have begun distributing chlorine tablets and hygiene kits, but officials "
           "warned that supplies in the country would last less than three weeks.")),
    _a("kherson", "Shelling in Kherson damages hospital and power lines",
       "", "By Olena Kravets", "12 January 2025", "The damaged wing of the regional hospital.",
       (P, "Russian shelling of Kherson overnight damaged the regional children's hospital "
           "and cut power to more than 20,000 households, the regional administration said "
           "on Sunday."),
       (P, "Doctors moved patients from the damaged wing to a basement shelter. No "
           "children were injured, but a nurse was taken to hospital with shrapnel wounds."),
       (P, "Repair crews restored electricity to about half of the affected homes by the "
           "afternoon. Officials urged residents in riverside districts to use heating "
           "points set up in schools while the work continues."),
       (P, "Kherson, which lies on the western bank of the Dnipro river, has been shelled "
           "almost daily since Ukrainian forces retook it in November 2022.")),
    _a("gaza-fuel", "Fuel shortage forces Gaza bakeries to close",
       "Only four of the 19 bakeries supported by aid agencies were working on Wednesday.",
       "By Lina Haddad", "5 March 2025", "Queues outside a bakery in Deir al-Balah.",
       (P, "Most bakeries supported by humanitarian agencies in the Gaza Strip closed this "
           "week because they ran out of fuel for their generators, the World Food "
           "Programme said."),
       (P, "Long queues formed outside the four that were still working in Deir al-Balah "
           "and Khan Younis, with some people waiting for more than six hours for a bundle "
           "of bread."),
       (P, "Aid officials said fuel deliveries had fallen to a fraction of what was needed "
           "to run bakeries, water desalination plants and hospitals at the same time."),
       (Q, "“Every litre we receive we have to choose between bread, water and "
           "incubators,” one aid official said."),
       (P, "The agency said it was ready to reopen the bakeries within a day of receiving "
           "enough fuel and flour.")),
    _a("sahel", "Sahel displacement passes three million as attacks spread",
       "", "By Moussa Diallo", "18 June 2025", "A displacement site near Kaya.",
       (P, "The number of people forced from their homes in Burkina Faso, Mali and Niger has "
           "passed three million for the first time, the UN refugee agency said in a report "
           "published on Tuesday."),
       (P, "Attacks by armed groups on villages, markets and water points have increased in "
           "the border areas between the three countries, and blockades have cut off "
           "several towns from supplies for months at a time."),
       (H, "Towns under blockade"),
       (P, "In Djibo, in northern Burkina Faso, residents have relied on air drops and "
           "escorted convoys for food since 2022. Aid workers describe severe malnutrition "
           "among children under five."),
       (P, "The report calls on donors to fund education and livelihoods for displaced "
           "families, not only emergency aid, noting that most have been displaced for more "
           "than two years."),
       (P, "Funding for the region's humanitarian plans stood at 22 per cent of what was "
           "requested at the end of May.")),
    _a("yemen", "Cholera cases rise in Yemen as rains arrive early",
       "", "By Ahmed Al-Sanabani", "2 April 2025", "A treatment centre in Taiz.",
       (P, "Health authorities in Yemen have recorded more than 11,000 suspected cholera "
           "cases since January, with the early arrival of the rainy season expected to "
           "speed up the spread of the disease."),
       (P, "Most cases were reported in Hodeidah, Taiz and Sana'a governorates. Children "
           "under five account for about a quarter of the total."),
       (P, "The World Health Organization said it had delivered supplies for 50 treatment "
           "centres, but that many health facilities lacked staff, fuel and clean water."),
       (P, "Aid agencies warned that cuts in funding had already closed dozens of oral "
           "rehydration points opened during the last outbreak.")),
    _a("tigray", "Returnees in western Tigray report land disputes",
       "Families who went home after the truce say their farms are occupied.",
       "By Hagos Gebremedhin", "27 August 2025", "Farmland near Humera.",
       (P, "Families who returned to western Tigray after the peace agreement say they have "
           "found their farms occupied and their houses damaged, according to interviews "
           "collected by a coalition of local organisations."),
       (P, "The coalition documented more than 400 cases of land and property disputes in "
           "three districts between March and July."),
       (P, "Local officials said committees had been set up to hear complaints, but "
           "returnees complained that decisions were slow and rarely enforced."),
       (LI, "Humera: 212 cases recorded"),
       (LI, "Kafta Humera rural areas: 131 cases"),
       (LI, "Tsegede: 74 cases"),
       (P, "Without a solution, the coalition warned, tensions could undermine the fragile "
           "peace in the region.")),
    _a("lebanon", "Displaced families in south Lebanon wait to go home",
       "", "By Rania Khalil", "15 December 2024", "A school used as a shelter in Tyre.",
       (P, "Tens of thousands of people displaced from villages near Lebanon's southern "
           "border are still living in schools and rented rooms weeks after the ceasefire, "
           "unsure whether it is safe to return."),
       (P, "Many say their homes were destroyed or badly damaged, and that unexploded "
           "ordnance has been found in fields and on roads leading to their villages."),
       (P, "Municipal officials in Tyre said 43 schools were still being used as shelters, "
           "delaying the start of the school term for thousands of children."),
       (P, "Engineering teams have begun clearing roads, but officials said it could take "
           "months before all villages were declared safe.")),
    _a("somalia", "Drought and conflict push Somali families into Baidoa",
       "Aid agencies counted 18,000 new arrivals in the city in one month.",
       "By Abdirahman Yusuf", "8 September 2025", "New arrivals at a site outside Baidoa.",
       (P, "About 18,000 people arrived in Baidoa in August after failed rains and fighting "
           "in the surrounding districts, aid agencies said, adding to one of the largest "
           "concentrations of displaced people in Somalia."),
       (P, "New arrivals told aid workers they had walked for up to ten days, after their "
           "livestock died and armed groups demanded taxes on the little harvest left."),
       (P, "Nutrition centres in the city reported a sharp rise in admissions of severely "
           "malnourished children, and some were operating at twice their capacity."),
       (ROW, "Month|New arrivals|Children admitted for malnutrition"),
       (ROW, "June|9,400|1,120"),
       (ROW, "July|12,800|1,560"),
       (ROW, "August|18,000|2,310"),
       (P, "The humanitarian appeal for Somalia was 31 per cent funded at the end of "
           "August.")),
    _a("syria-returns", "Syrians return from Lebanon to damaged towns",
       "", "By Omar Saleh", "11 February 2025", "The crossing point at Masnaa.",
       (P, "Thousands of Syrians have crossed back from Lebanon in recent weeks, many to "
           "towns where homes, schools and water networks were damaged during the war."),
       (P, "Returnees interviewed at the Masnaa crossing said they were going back because "
           "of rising rents and fewer jobs in Lebanon, not because they believed conditions "
           "at home had improved."),
       (P, "Aid agencies said they were scaling up support in areas of return, including "
           "repairs to water stations and bakeries, but that needs far outstripped funding."),
       (P, "The refugee agency said it was monitoring returns and stressed that they should "
           "be voluntary, safe and dignified.")),
    _a("chad-camps", "Chad camps strain as Sudanese refugees keep arriving",
       "More than 20,000 people reached eastern Chad in two weeks.",
       "By Achta Mahamat", "30 June 2025", "Refugees collecting water near Adré.",
       (P, "Refugees fleeing fighting in Darfur continue to arrive in eastern Chad at a "
           "rate of more than 1,000 a day, putting severe pressure on water and health "
           "services in the camps around Adré."),
       (P, "Many arrive with injuries and report that family members were killed or went "
           "missing on the way. Medical teams said they were treating dozens of gunshot "
           "wounds each week."),
       (P, "The camps receive on average 9 litres of water per person per day, below the "
           "emergency standard of 15 litres, and the rainy season threatens to cut roads "
           "used to bring in supplies."),
       (H, "Relocation slowed"),
       (P, "Efforts to move refugees from the border to camps further inside the country "
           "have slowed because of a lack of lorries and fuel, agencies said.")),
    _a("mozambique", "Attacks in Cabo Delgado displace thousands again",
       "", "By Carlos Mucavele", "4 March 2025", "A road near Macomia.",
       (P, "A new wave of attacks by armed groups in Mozambique's Cabo Delgado province has "
           "forced more than 30,000 people to flee their homes in the past month, according "
           "to local authorities."),
       (P, "Many of those fleeing had only recently returned to their villages after "
           "earlier displacement. Aid workers said some families had been displaced four "
           "or five times since 2017."),
       (P, "The attacks have targeted villages along the main road north of Macomia, "
           "disrupting the movement of goods and of aid convoys."),
       (P, "Humanitarian organisations appealed for additional funding to provide shelter, "
           "food and protection services.")),
    _a("afghan-quake", "Earthquake survivors in Herat face winter in tents",
       "Rebuilding has barely begun in the villages worst hit.",
       "By Zahra Ahmadi", "10 December 2024", "Tents in Zindajan district.",
       (P, "More than a year after a series of earthquakes destroyed villages in western "
           "Afghanistan's Herat province, thousands of families are preparing to spend "
           "another winter in tents."),
       (P, "Aid agencies have built some transitional shelters, but officials said fewer "
           "than a third of destroyed homes had been replaced."),
       (P, "In Zindajan district, families said they had received blankets and heaters but "
           "worried about fuel prices, which have risen by a fifth since the summer."),
       (Q, "“The tent is cold at night and the children get sick,” said a mother of five. "
           "“We need walls before the snow.”"),
       (P, "Agencies have asked donors for an extra 40 million dollars to complete the "
           "shelter programme before the end of February.")),
    _a("myanmar-fuel", "Power cuts and fuel shortages hit Yangon businesses",
       "", "By Khin Mar Lwin", "25 April 2025", "A generator outside a shop in Yangon.",
       (P, "Businesses in Yangon say daily power cuts of up to 12 hours and a shortage of "
           "diesel are forcing them to cut hours and lay off staff."),
       (P, "Owners of small factories said the price of diesel for generators had risen "
           "sharply since the beginning of the year, and that deliveries were irregular."),
       (P, "Economists said the shortages reflected a lack of foreign currency to pay for "
           "imports, as well as damage to power plants and transmission lines in areas "
           "affected by the conflict."),
       (P, "Residents said they now plan cooking, washing and children's homework around "
           "the published outage schedule.")),
)
