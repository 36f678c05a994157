<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>About</name>
    <message>
        <location filename="../../desktop/dialogs/about.py" line="11"/>
        <source>&lt;h3&gt;Quartier {version}&lt;/h3&gt;&lt;p&gt;Participatory mapping of neighbourhoods, offline: draw facilities, transport lines and risk zones with residents, on top of OpenStreetMap and hazard maps.&lt;/p&gt;&lt;p&gt;Free software under the GNU GPL, version 3 or later.&lt;/p&gt;&lt;p&gt;Map data © OpenStreetMap contributors, available under the Open Database Licence (ODbL 1.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Quartier {version}&lt;/h3&gt;&lt;p&gt;Cartographie participative des quartiers, hors ligne : dessinez les équipements, les lignes de transport et les zones à risque avec les habitants, sur OpenStreetMap et les cartes d’aléas.&lt;/p&gt;&lt;p&gt;Logiciel libre sous licence GNU GPL, version 3 ou ultérieure.&lt;/p&gt;&lt;p&gt;Données cartographiques © les contributeurs d’OpenStreetMap, disponibles sous la licence Open Database License (ODbL 1.0).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/about.py" line="33"/>
        <source>About Quartier</source>
        <translation>À propos de Quartier</translation>
    </message>
</context>
<context>
    <name>AddPlaceTool</name>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="38"/>
        <source>Add place: click where the place is, then say what it is.</source>
        <translation>Ajouter un lieu : cliquez là où se trouve le lieu, puis dites ce que c’est.</translation>
    </message>
</context>
<context>
    <name>AddStopsTool</name>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="186"/>
        <source>Add stops: click on a transport line first.</source>
        <translation>Ajouter des arrêts : cliquez d’abord sur une ligne de transport.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="187"/>
        <source>Add stops: click along the line where each stop is, in order, and name it. Escape to pick another line.</source>
        <translation>Ajouter des arrêts : cliquez le long de la ligne à chaque arrêt, dans l’ordre, et nommez-le. Échap pour choisir une autre ligne.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="233"/>
        <source>this line</source>
        <translation>cette ligne</translation>
    </message>
</context>
<context>
    <name>AnalysisAnswers</name>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="84"/>
        <source>{percent}%</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="95"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="95"/>
        <source> ha</source>
        <translation> ha</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="96"/>
        <source> people</source>
        <translation> personnes</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="103"/>
        <source>{exposure} exposed to {hazard}: {affected}{unit} in the affected classes ({marked}); {exposed}{unit} in any class, {not_exposed}{unit} not exposed, out of {total}{unit}.</source>
        <translation>{exposure} exposés à {hazard} : {affected}{unit} dans les classes touchées ({marked}) ; {exposed}{unit} dans une classe quelconque, {not_exposed}{unit} non exposés, sur {total}{unit}.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="108"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="114"/>
        <source>{name} (affected)</source>
        <translation>{name} (touché)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="117"/>
        <source>Affected</source>
        <translation>Touchés</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="117"/>
        <source>Not exposed</source>
        <translation>Non exposés</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="117"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="125"/>
        <location filename="../../desktop/panels/analysis_answers.py" line="257"/>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="131"/>
        <location filename="../../desktop/panels/analysis_answers.py" line="261"/>
        <source>By area</source>
        <translation>Par zone</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="136"/>
        <source>By type</source>
        <translation>Par type</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="165"/>
        <source>above {low}</source>
        <translation>au-dessus de {low}</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="168"/>
        <source>affected</source>
        <translation>touché</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="168"/>
        <source>not affected</source>
        <translation>non touché</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="174"/>
        <source>low</source>
        <translation>faible</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="174"/>
        <source>medium</source>
        <translation>moyen</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="174"/>
        <source>high</source>
        <translation>élevé</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="175"/>
        <source>dry</source>
        <translation>sec</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="175"/>
        <source>wet</source>
        <translation>mouillé</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="176"/>
        <source>use caution</source>
        <translation>prudence</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="179"/>
        <source>residential</source>
        <translation>habitation</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="179"/>
        <source>education</source>
        <translation>enseignement</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="180"/>
        <source>health</source>
        <translation>santé</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="180"/>
        <source>worship</source>
        <translation>culte</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="181"/>
        <source>government</source>
        <translation>administration</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="181"/>
        <source>commercial</source>
        <translation>commerce</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="182"/>
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="188"/>
        <source>{routed} of {buildings} buildings have a safe route avoiding {hazard}; {missing} have none.</source>
        <translation>{routed} bâtiments sur {buildings} ont un itinéraire sûr qui évite {hazard} ; {missing} n’en ont pas.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="193"/>
        <source>Walking time: median {median} min, 90% within {p90} min, longest {longest} min.</source>
        <translation>Temps de marche : médiane {median} min, 90 % en moins de {p90} min, le plus long {longest} min.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="198"/>
        <source>Loads are in buildings: how many people live in them is not known.</source>
        <translation>Les charges sont en bâtiments : le nombre de personnes qui y vivent n’est pas connu.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="200"/>
        <source>The routes and the ground within 5, 10 and 15 minutes&apos; walk of each shelter are on the map.</source>
        <translation>Les itinéraires et les zones à 5, 10 et 15 minutes de marche de chaque abri sont sur la carte.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="207"/>
        <source>capacity not mapped</source>
        <translation>capacité non cartographiée</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="209"/>
        <source>{share} of capacity</source>
        <translation>{share} de la capacité</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="212"/>
        <source>people not known</source>
        <translation>nombre de personnes inconnu</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="220"/>
        <source>No safe route</source>
        <translation>Sans itinéraire sûr</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="223"/>
        <source>Shelter</source>
        <translation>Abri</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="223"/>
        <location filename="../../desktop/panels/analysis_answers.py" line="263"/>
        <source>Buildings</source>
        <translation>Bâtiments</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="225"/>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="226"/>
        <source>Buildings within
15 min</source>
        <translation>Bâtiments à moins
de 15 min</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="226"/>
        <source>Capacity
(people)</source>
        <translation>Capacité
(personnes)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="227"/>
        <source>Load</source>
        <translation>Charge</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="238"/>
        <source>{buildings} buildings; distance along the streets to the nearest of the {kind}.</source>
        <translation>{buildings} bâtiments ; distance le long des rues jusqu’au plus proche des {kind}.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="241"/>
        <source>Median {median} m, 90% within {p90} m, farthest {farthest} m.</source>
        <translation>Médiane {median} m, 90 % à moins de {p90} m, le plus éloigné {farthest} m.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="245"/>
        <source>Each building&apos;s distance is on the map.</source>
        <translation>La distance de chaque bâtiment est sur la carte.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="264"/>
        <source>Within {metres} m</source>
        <translation>À moins de {metres} m</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="265"/>
        <source>Unreachable</source>
        <translation>Inaccessibles</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="274"/>
        <source>Building</source>
        <translation>Bâtiment</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="274"/>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="275"/>
        <source>Nearest</source>
        <translation>Le plus proche</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="279"/>
        <source>{metres} m</source>
        <translation>{metres} m</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="280"/>
        <source>unreachable</source>
        <translation>inaccessible</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="286"/>
        <source>The {count} worst served, farthest first (dark red on the map):</source>
        <translation>Les {count} bâtiments les moins bien desservis, du plus éloigné au moins éloigné (rouge foncé sur la carte) :</translation>
    </message>
</context>
<context>
    <name>AnalysisFlow</name>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="116"/>
        <source>&amp;Analysis</source>
        <extracomment>An analysis ended and its answer is shown: &quot;exposure&quot;, &quot;evacuation&quot; or &quot;access&quot;. An exposure result was saved as this project layer. The task under way, if any. The exposure result shown (ExposureResult), for saving it. The evacuation shown and its summary, for its report. The safe route from the last point clicked after an evacuation (working CRS coordinates, None with no route) and what was said about it.</extracomment>
        <translation>&amp;Analyse</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="117"/>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="118"/>
        <source>Who is exposed…</source>
        <translation>Qui est exposé…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="119"/>
        <source>Evacuation routes…</source>
        <translation>Itinéraires d’évacuation…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="120"/>
        <source>Access to services…</source>
        <translation>Accès aux services…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="121"/>
        <source>Count the buildings, roads or land in each class of a hazard</source>
        <translation>Compter les bâtiments, les routes ou les terrains dans chaque classe d’un aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="123"/>
        <source>Route every building to the nearest safe shelter, around a hazard</source>
        <translation>Conduire chaque bâtiment vers l’abri sûr le plus proche, en contournant un aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="125"/>
        <source>Walking distance from every building to a kind of facility</source>
        <translation>Distance à pied de chaque bâtiment à un type d’équipement</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="172"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="178"/>
        <source>The analysis stopped on an unexpected error.</source>
        <translation>L’analyse s’est arrêtée sur une erreur inattendue.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="202"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>Annulé ; rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="215"/>
        <source>This project has no hazard layer yet: add one with Layer → Add hazard.</source>
        <translation>Ce projet n’a pas encore de couche d’aléa : ajoutez-en une avec Couche → Ajouter un aléa.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="227"/>
        <source>Choose the population raster file to count first.</source>
        <translation>Choisissez d’abord le fichier raster de population à compter.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="230"/>
        <source>Choose a hazard layer and a layer to count first.</source>
        <translation>Choisissez d’abord une couche d’aléa et une couche à compter.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="234"/>
        <source>Counting {layer} in each class of {hazard}…</source>
        <translation>Décompte de {layer} dans chaque classe de {hazard}…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="261"/>
        <source>Who is exposed</source>
        <translation>Qui est exposé</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="274"/>
        <source>Choose a hazard layer first.</source>
        <translation>Choisissez d’abord une couche d’aléa.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="277"/>
        <source>Tick at least one hazard class to keep out of.</source>
        <translation>Cochez au moins une classe d’aléa à éviter.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="279"/>
        <location filename="../../desktop/analysis_flow.py" line="348"/>
        <source>Reading the streets…</source>
        <translation>Lecture des rues…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="279"/>
        <location filename="../../desktop/analysis_flow.py" line="348"/>
        <source>Reading the buildings…</source>
        <translation>Lecture des bâtiments…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="280"/>
        <source>Finding the nearest safe shelter from every building…</source>
        <translation>Recherche de l’abri sûr le plus proche de chaque bâtiment…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="281"/>
        <source>Saving the routes…</source>
        <translation>Enregistrement des itinéraires…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="282"/>
        <source>Drawing the ground within 5, 10 and 15 minutes&apos; walk…</source>
        <translation>Tracé des zones à 5, 10 et 15 minutes de marche…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="331"/>
        <source>Evacuation routes</source>
        <translation>Itinéraires d’évacuation</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="344"/>
        <source>Type the distances in metres, separated by commas, like 250, 500, 1000.</source>
        <translation>Tapez les distances en mètres, séparées par des virgules, par exemple 250, 500, 1000.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="349"/>
        <source>Measuring along the streets…</source>
        <translation>Mesure le long des rues…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="376"/>
        <source>Access to services</source>
        <translation>Accès aux services</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="394"/>
        <source>Saved the layer {name}.</source>
        <translation>Couche {name} enregistrée.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="398"/>
        <source>Saving the result as a layer</source>
        <translation>Enregistrement du résultat comme couche</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="412"/>
        <source>Write report</source>
        <translation>Écrire le rapport</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="413"/>
        <source>PDF (*.pdf);;Web page (*.html)</source>
        <translation>PDF (*.pdf);;Page web (*.html)</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="440"/>
        <location filename="../../desktop/analysis_flow.py" line="511"/>
        <source>Wrote {file}.</source>
        <translation>{file} écrit.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="443"/>
        <location filename="../../desktop/analysis_flow.py" line="514"/>
        <source>Writing the report</source>
        <translation>Écriture du rapport</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="461"/>
        <source>No safe route from here: every way out crosses a zone to keep out of.</source>
        <translation>Aucun itinéraire sûr d’ici : toutes les sorties traversent une zone à éviter.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="471"/>
        <source>From here: {metres} m, {minutes} min on foot to {place}.</source>
        <translation>D’ici : {metres} m, {minutes} min à pied jusqu’à {place}.</translation>
    </message>
</context>
<context>
    <name>AnalysisPanel</name>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="281"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="481"/>
        <source>(none: the whole project area)</source>
        <extracomment>Class name -&gt; its tick, for the chosen hazard layer&apos;s own classes. Hazard layer -&gt; its classes, lowest first: (name, affected).</extracomment>
        <translation>(aucune : toute la zone du projet)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="282"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="467"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="283"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="460"/>
        <source>(the buildings&apos; own, if mapped)</source>
        <translation>(celle des bâtiments, si elle est cartographiée)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="308"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="435"/>
        <source>A population raster file…</source>
        <translation>Un fichier raster de population…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="318"/>
        <source>Water points</source>
        <translation>Points d’eau</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="318"/>
        <source>Clinics and health centres</source>
        <translation>Dispensaires et centres de santé</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="319"/>
        <source>Hospitals</source>
        <translation>Hôpitaux</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="319"/>
        <source>Pharmacies</source>
        <translation>Pharmacies</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="320"/>
        <source>Schools</source>
        <translation>Écoles</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="320"/>
        <source>Kindergartens</source>
        <translation>Écoles maternelles</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="321"/>
        <source>Toilets</source>
        <translation>Toilettes</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="321"/>
        <source>Markets</source>
        <translation>Marchés</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="322"/>
        <source>Police stations</source>
        <translation>Postes de police</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="322"/>
        <source>Fire stations</source>
        <translation>Casernes de pompiers</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="323"/>
        <source>Places of worship</source>
        <translation>Lieux de culte</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="324"/>
        <source>Community centres</source>
        <translation>Centres communautaires</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="325"/>
        <source>Shelters and evacuation centres</source>
        <translation>Abris et centres d’évacuation</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="389"/>
        <source>Working…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="421"/>
        <source>Who is exposed</source>
        <translation>Qui est exposé</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="422"/>
        <source>Evacuation</source>
        <translation>Évacuation</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="423"/>
        <source>Access</source>
        <translation>Accès</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="425"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="449"/>
        <source>Hazard:</source>
        <translation>Aléa :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="425"/>
        <source>Layer to count:</source>
        <translation>Couche à compter :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="427"/>
        <source>Hazard classes:</source>
        <translation>Classes d’aléa :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="427"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="464"/>
        <source>By area:</source>
        <translation>Par zone :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="428"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="465"/>
        <source>Area names from:</source>
        <translation>Noms des zones :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="437"/>
        <source>Generic high, medium, low</source>
        <translation>Générique élevé, moyen, faible</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="437"/>
        <source>Flood: wet or dry (1 m)</source>
        <translation>Inondation : mouillé ou sec (1 m)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="438"/>
        <source>Flood in 4 classes (0.1, 0.7, 1.5 m)</source>
        <translation>Inondation en 4 classes (0,1, 0,7, 1,5 m)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="439"/>
        <source>Tsunami (0.1, 1, 3 m)</source>
        <translation>Tsunami (0,1, 1, 3 m)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="446"/>
        <source>How hazard values become classes, and which classes count as affected</source>
        <translation>Comment les valeurs de l’aléa deviennent des classes, et quelles classes comptent comme touchées</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="449"/>
        <source>Keep out of:</source>
        <translation>Éviter :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="450"/>
        <source>Walking speed:</source>
        <translation>Vitesse de marche :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="183"/>
        <source>Population raster</source>
        <extracomment>Data of the exposure choice &quot;a population raster file&quot; (not a project layer). Layers one can analyse, when the project has them (reference layers come after). Ready-made class schemes offered (keys of mapping.analysis.schemes.SCHEMES). Run the exposure analysis: hazard, exposure (None with population), population (a raster file or None), by, by_field, scheme (key or None). Run evacuation routing: hazard, avoid (class names ticked), affected (the layer&apos;s affected class names), walk_speed, population (an area layer or None). Run access to services: kind, within (the text typed), by, by_field. Stop the analysis under way. Save the exposure result shown as a project layer. Write the exposure result shown as a report. The figures of the last answer, as shown (None: no answer shown). How figures are written (thousands, decimals): the interface language&apos;s way. Whether &quot;Save as a layer&quot; and &quot;Write report…&quot; are offered (set by the flow).</extracomment>
        <translation>Raster de population</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="184"/>
        <source>Rasters (*.tif *.tiff *.asc);;All files (*)</source>
        <translation>Rasters (*.tif *.tiff *.asc);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="426"/>
        <source>Raster file:</source>
        <translation>Fichier raster :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="430"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="431"/>
        <source>A population raster: people per cell (GeoTIFF or ESRI ASCII grid)</source>
        <translation>Un raster de population : personnes par cellule (GeoTIFF ou grille ESRI ASCII)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="436"/>
        <source>The layer&apos;s own classes</source>
        <translation>Les classes de la couche</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="450"/>
        <source>People from:</source>
        <translation>Personnes d’après :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="456"/>
        <source>A layer of areas with a population field (a census): its people are shared among the buildings of each area</source>
        <translation>Une couche de zones avec un champ de population (un recensement) : ses habitants sont répartis entre les bâtiments de chaque zone</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="461"/>
        <source> m/s</source>
        <translation> m/s</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="462"/>
        <source>Facility:</source>
        <translation>Équipement :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="463"/>
        <source>Within (metres):</source>
        <translation>À moins de (mètres) :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="468"/>
        <source>Distances in metres, separated by commas</source>
        <translation>Distances en mètres, séparées par des virgules</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="469"/>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="470"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="471"/>
        <source>Stop this analysis; nothing will be changed</source>
        <translation>Arrêter cette analyse ; rien ne sera modifié</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="472"/>
        <source>Copy table</source>
        <translation>Copier le tableau</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="473"/>
        <source>Copy the table, to paste into a spreadsheet</source>
        <translation>Copier le tableau, pour le coller dans un tableur</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="474"/>
        <source>Save as a layer</source>
        <translation>Enregistrer comme couche</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="475"/>
        <source>Add each feature with its hazard class to the project, as a map layer</source>
        <translation>Ajouter chaque objet avec sa classe d’aléa au projet, comme couche de la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="477"/>
        <source>Write report…</source>
        <translation>Écrire le rapport…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="478"/>
        <source>The question, the figures and the assumptions, as HTML or PDF</source>
        <translation>La question, les chiffres et les hypothèses, en HTML ou en PDF</translation>
    </message>
</context>
<context>
    <name>ClassesEditor</name>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="210"/>
        <source>class {number}</source>
        <translation>classe {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="283"/>
        <source>Every class needs a name.</source>
        <translation>Chaque classe doit avoir un nom.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="285"/>
        <source>Every class needs at least one word.</source>
        <translation>Chaque classe doit avoir au moins un mot.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="290"/>
        <source>A word is in two classes, or two classes have one name.</source>
        <translation>Un mot est dans deux classes, ou deux classes ont le même nom.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="291"/>
        <source>Each limit must be higher than the one above it, and each class needs its own name.</source>
        <translation>Chaque limite doit être plus haute que celle du dessus, et chaque classe doit avoir son propre nom.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="294"/>
        <source>Tick at least one class as affected.</source>
        <translation>Cochez au moins une classe comme touchée.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="322"/>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="337"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="337"/>
        <source>Words</source>
        <translation>Mots</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="337"/>
        <source>Up to</source>
        <translation>Jusqu’à</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="338"/>
        <source>Affected</source>
        <translation>Touchée</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="339"/>
        <source>Ready-made classes</source>
        <translation>Classes toutes faites</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="340"/>
        <source>Not in any class at or below</source>
        <translation>Dans aucune classe jusqu’à</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="341"/>
        <source>Words in no class</source>
        <translation>Mots sans classe</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="342"/>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="343"/>
        <source>Add a class</source>
        <translation>Ajouter une classe</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="344"/>
        <source>Remove the class</source>
        <translation>Retirer la classe</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="347"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="348"/>
        <source>Low, medium, high</source>
        <translation>Faible, moyen, élevé</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="349"/>
        <source>Flood: wet or dry (wet above 1 m)</source>
        <translation>Inondation : mouillé ou sec (mouillé au-dessus de 1 m)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="350"/>
        <source>Flood in four classes (use caution, low, medium, high)</source>
        <translation>Inondation en quatre classes (prudence, faible, moyen, élevé)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="351"/>
        <source>Tsunami (dry, low, medium, high)</source>
        <translation>Tsunami (sec, faible, moyen, élevé)</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="78"/>
        <source>Someone else saved this feature</source>
        <extracomment>Background of the rows where the two versions differ.</extracomment>
        <translation>Quelqu’un d’autre a enregistré cet objet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="81"/>
        <source>feature</source>
        <translation>objet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="83"/>
        <source>Someone else</source>
        <translation>Quelqu’un d’autre</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="85"/>
        <source>{who} deleted {what} at {when}, after you opened it. Your change is not saved yet: keep yours (it is saved again) or theirs (it stays deleted).</source>
        <translation>{who} a supprimé {what} le {when}, après que vous l’avez ouvert. Votre modification n’est pas encore enregistrée : gardez la vôtre (il est enregistré de nouveau) ou la sienne (il reste supprimé).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="89"/>
        <source>{who} saved {what} at {when} (version {version}), after you opened it. Your change is not saved yet: choose which version to keep.</source>
        <translation>{who} a enregistré {what} le {when} (version {version}), après que vous l’avez ouvert. Votre modification n’est pas encore enregistrée : choisissez la version à garder.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="98"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="98"/>
        <source>Theirs (saved)</source>
        <translation>La sienne (enregistrée)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="99"/>
        <source>Mine (not saved)</source>
        <translation>La mienne (non enregistrée)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="106"/>
        <source>Rows in yellow differ between the two versions.</source>
        <translation>Les lignes en jaune diffèrent entre les deux versions.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="108"/>
        <source>Keep mine</source>
        <translation>Garder la mienne</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="110"/>
        <source>Save my change on top of their version</source>
        <translation>Enregistrer ma modification par-dessus sa version</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="111"/>
        <source>Keep theirs</source>
        <translation>Garder la sienne</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="113"/>
        <source>Show their version and drop my change</source>
        <translation>Afficher sa version et abandonner ma modification</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="137"/>
        <source>(deleted)</source>
        <translation>(supprimé)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="153"/>
        <source>draft</source>
        <translation>brouillon</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="153"/>
        <source>verified</source>
        <translation>vérifié</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="154"/>
        <source>Review</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="157"/>
        <source>Shape on the map</source>
        <translation>Forme sur la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="157"/>
        <source>as they saved it</source>
        <translation>telle qu’enregistrée</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="158"/>
        <source>same as theirs</source>
        <translation>la même que la sienne</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="158"/>
        <source>changed (moved or reshaped)</source>
        <translation>modifiée (déplacée ou redessinée)</translation>
    </message>
</context>
<context>
    <name>CrsDialog</name>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="130"/>
        <source>Which coordinate system?</source>
        <translation>Quel système de coordonnées ?</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="132"/>
        <source>“{file}” does not say which coordinate system its coordinates are in. Which one is it? (Ask whoever made the file if you are not sure.)</source>
        <translation>« {file} » ne dit pas dans quel système de coordonnées sont ses coordonnées. Lequel est-ce ? (En cas de doute, demandez à la personne qui a fait le fichier.)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="135"/>
        <source>Longitude and latitude in degrees, as GPS and OpenStreetMap use (EPSG:4326)</source>
        <translation>Longitude et latitude en degrés, comme les GPS et OpenStreetMap (EPSG:4326)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="141"/>
        <source>The coordinates look like degrees, so longitude and latitude is likely.</source>
        <translation>Les coordonnées ressemblent à des degrés : longitude et latitude, probablement.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="137"/>
        <source>The project&apos;s UTM zone ({crs}), in metres</source>
        <translation>La zone UTM du projet ({crs}), en mètres</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="139"/>
        <source>Another EPSG code:</source>
        <translation>Un autre code EPSG :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="144"/>
        <source>The coordinates look like metres: a UTM zone or another projected system.</source>
        <translation>Les coordonnées ressemblent à des mètres : une zone UTM ou un autre système projeté.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="167"/>
        <source>Unknown EPSG code.</source>
        <translation>Code EPSG inconnu.</translation>
    </message>
</context>
<context>
    <name>DateInput</name>
    <message>
        <location filename="../../desktop/editing/field_inputs.py" line="351"/>
        <source>Pick the date on a calendar</source>
        <translation>Choisir la date dans un calendrier</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/field_inputs.py" line="352"/>
        <source>A day (2024-04-21), a month (2024-04) or a year (2024)</source>
        <translation>Un jour (2024-04-21), un mois (2024-04) ou une année (2024)</translation>
    </message>
</context>
<context>
    <name>DeleteTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="221"/>
        <source>Delete: click the place, line or area to remove.</source>
        <translation>Supprimer : cliquez sur le lieu, la ligne ou la zone à retirer.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="232"/>
        <source>Delete {what}?</source>
        <translation>Supprimer {what} ?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="236"/>
        <source>Its stop is deleted with it.</source>
        <translation>Son arrêt sera supprimé avec elle.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/editing/modify_tools.py" line="237"/>
        <source>Its %n stops are deleted with it.</source>
        <translation>
            <numerusform>%n arrêt sera supprimé avec elle.</numerusform>
            <numerusform>Ses %n arrêts seront supprimés avec elle.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="238"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>DrawAreaTool</name>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="157"/>
        <source>Draw area: click around the zone, corner after corner; double-click or Enter to close it. Backspace takes a point back.</source>
        <translation>Dessiner une zone : cliquez autour de la zone, coin après coin ; double-clic ou Entrée pour la fermer. Retour arrière enlève le dernier point.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="161"/>
        <source>An area needs at least three points.</source>
        <translation>Une zone a besoin d’au moins trois points.</translation>
    </message>
</context>
<context>
    <name>DrawLineTool</name>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="138"/>
        <source>Draw line: click where the line starts, where it turns and where it ends; it follows the streets between clicks. Double-click or Enter to finish.</source>
        <extracomment>Layer the shape goes to. Fewest points the shape needs. Snap to roads only (lines) or to roads and buildings (areas). Whether the shape closes (an area).</extracomment>
        <translation>Dessiner une ligne : cliquez là où la ligne commence, tourne et finit ; elle suit les rues entre vos clics. Double-clic ou Entrée pour terminer.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="141"/>
        <source>Draw line: click where the line starts, at each turn and where it ends; double-click or Enter to finish. Backspace takes a point back.</source>
        <translation>Dessiner une ligne : cliquez là où la ligne commence, à chaque virage et là où elle finit ; double-clic ou Entrée pour terminer. Retour arrière enlève le dernier point.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="145"/>
        <source>A line needs at least two points.</source>
        <translation>Une ligne a besoin d’au moins deux points.</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <location filename="../../desktop/editing/controller.py" line="203"/>
        <source>Preparing snapping to streets and buildings</source>
        <extracomment>How near (pixels) a click must be to a feature to pick it. How near (pixels) a click snaps to a road or building. Base layers whose objects &quot;Tag existing&quot; describes, top first. Every participatory layer. A mapping session started or ended. Another feature (or none) is selected. The Describe panel has something else to ask (see :attr:`pending`). A feature was added, changed or removed (layer, uuid), once its layer is redrawn. Undo and redo changed. An edit was refused (the exception; its text is one plain sentence). An edit was refused because someone saved the feature since it was shown (a Conflict). Something worth telling the mapper (a repaired outline), translated. Someone else saved the feature whose form is open (its uuid). Snapping to streets and buildings is ready. The project file, or its team-server address (password included, in memory only). Snapping to roads only (transport lines, stops) and to roads and buildings (areas). The version of the selected feature the map shows (edits expect it). Draw transport lines along the streets between clicks.</extracomment>
        <translation>Préparation de l’accrochage aux rues et aux bâtiments</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/controller.py" line="369"/>
        <source>Start a mapping session first.</source>
        <translation>Commencez d’abord une session de cartographie.</translation>
    </message>
</context>
<context>
    <name>EditShapeTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="62"/>
        <source>Edit shape: click a feature, drag its square handles; double-click a side to add a corner, right-click a handle to remove it.</source>
        <extracomment>How near (pixels) the mouse must be to a vertex handle to take it. A press that moves less than this (pixels) is a click, not a drag.</extracomment>
        <translation>Modifier la forme : cliquez sur un élément, faites glisser ses poignées carrées ; double-cliquez sur un côté pour ajouter un coin, clic droit sur une poignée pour l’enlever.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="89"/>
        <source>This corner cannot be removed: a line needs two points and an area three.</source>
        <translation>Ce coin ne peut pas être enlevé : une ligne a besoin de deux points et une zone de trois.</translation>
    </message>
</context>
<context>
    <name>EditToolbar</name>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="183"/>
        <source>Snapping to streets and buildings is ready.</source>
        <extracomment>Tools in toolbar order (name, tool class, icon); None is a separator. The session dialog while it is open. The toolbar&apos;s one review button: pressed while the selected feature is verified. The answers the open form showed when it was filled (to tell whether it changed). The dialog asking which of two saved versions to keep, while it is up.</extracomment>
        <translation>L’accrochage aux rues et aux bâtiments est prêt.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="194"/>
        <source>Edit toolbar</source>
        <translation>Barre d’édition</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="195"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="196"/>
        <location filename="../../desktop/editing/edit_toolbar.py" line="409"/>
        <location filename="../../desktop/editing/edit_toolbar.py" line="419"/>
        <source>Describe</source>
        <translation>Décrire</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="289"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="199"/>
        <source>Start a mapping session: your name and the session&apos;s</source>
        <translation>Commencer une session de cartographie : votre nom et celui de la session</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="198"/>
        <source>Mapping session…</source>
        <translation>Session de cartographie…</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="201"/>
        <source>End the mapping session</source>
        <translation>Terminer la session de cartographie</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="202"/>
        <source>Stop mapping (everything is already saved)</source>
        <translation>Arrêter de cartographier (tout est déjà enregistré)</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="203"/>
        <source>Add place</source>
        <translation>Ajouter un lieu</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="204"/>
        <source>Add a facility: a clinic, a school, a water point…</source>
        <translation>Ajouter un équipement : une clinique, une école, un point d’eau…</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="206"/>
        <source>Draw line</source>
        <translation>Dessiner une ligne</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="207"/>
        <source>Draw a minibus or motorcycle taxi line</source>
        <translation>Dessiner une ligne de minibus ou de moto-taxi</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="208"/>
        <source>Draw area</source>
        <translation>Dessiner une zone</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="209"/>
        <source>Draw a risk zone: floods, landslides, fires…</source>
        <translation>Dessiner une zone à risque : inondations, glissements de terrain, incendies…</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="211"/>
        <source>Add stops</source>
        <translation>Ajouter des arrêts</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="212"/>
        <source>Add the stops of a transport line, in order</source>
        <translation>Ajouter les arrêts d’une ligne de transport, dans l’ordre</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="214"/>
        <source>Tag existing</source>
        <translation>Décrire l’existant</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="215"/>
        <source>Say what a building or place of the base map is (e.g. a school)</source>
        <translation>Dire ce qu’est un bâtiment ou un lieu du fond de carte (p. ex. une école)</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="217"/>
        <source>Edit shape</source>
        <translation>Modifier la forme</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="218"/>
        <source>Move, add or remove the corners of a line or area</source>
        <translation>Déplacer, ajouter ou enlever les coins d’une ligne ou d’une zone</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="220"/>
        <source>Move</source>
        <translation>Déplacer l’objet</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="221"/>
        <source>Drag a place, line or area to where it is</source>
        <translation>Faire glisser un lieu, une ligne ou une zone là où il se trouve</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="222"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="223"/>
        <source>Remove a place, line or area</source>
        <translation>Retirer un lieu, une ligne ou une zone</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="224"/>
        <source>Split line</source>
        <translation>Couper la ligne</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="225"/>
        <source>Cut a transport line in two</source>
        <translation>Couper une ligne de transport en deux</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="226"/>
        <source>Merge lines</source>
        <translation>Joindre les lignes</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="227"/>
        <source>Join two transport lines whose ends meet</source>
        <translation>Joindre deux lignes de transport dont les bouts se touchent</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="228"/>
        <source>Follow the roads</source>
        <translation>Suivre les rues</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="229"/>
        <source>Draw lines along the streets between your clicks</source>
        <translation>Dessiner les lignes le long des rues entre vos clics</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="231"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="232"/>
        <source>Change the answers about the selected feature</source>
        <translation>Changer les réponses sur l’élément sélectionné</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="233"/>
        <source>Mark verified</source>
        <translation>Marquer vérifié</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="234"/>
        <source>A facilitator checked the selected feature</source>
        <translation>Un animateur a vérifié l’élément sélectionné</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="235"/>
        <source>Mark draft</source>
        <translation>Marquer brouillon</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="236"/>
        <source>The selected feature still needs checking</source>
        <translation>L’élément sélectionné doit encore être vérifié</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="237"/>
        <source>Verified</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="238"/>
        <source>Pressed when a facilitator has checked the selected feature; press to mark it verified, again to mark it draft</source>
        <translation>Enfoncé quand un animateur a vérifié l’élément sélectionné ; appuyez pour le marquer vérifié, à nouveau pour le remettre en brouillon</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="243"/>
        <source>Take back the last change</source>
        <translation>Annuler la dernière modification</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="244"/>
        <source>Do again the change taken back</source>
        <translation>Refaire la modification annulée</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="273"/>
        <source>Undo {edit}</source>
        <translation>Annuler {edit}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="274"/>
        <location filename="../../desktop/editing/edit_toolbar.py" line="277"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="275"/>
        <source>Redo {edit}</source>
        <translation>Rétablir {edit}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="276"/>
        <location filename="../../desktop/editing/edit_toolbar.py" line="278"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="295"/>
        <source>Mapping as {name} · {session}</source>
        <translation>Cartographie par {name} · {session}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="306"/>
        <source>Open or create a project first.</source>
        <translation>Ouvrez ou créez d’abord un projet.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="308"/>
        <source>Start a mapping session to edit (the Session button).</source>
        <translation>Commencez une séance de cartographie pour modifier (bouton Séance).</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="310"/>
        <source>Select a feature on the map first.</source>
        <translation>Sélectionnez d’abord un objet sur la carte.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="313"/>
        <source>Nothing to undo yet.</source>
        <translation>Rien à annuler pour l’instant.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="314"/>
        <source>Nothing to redo.</source>
        <translation>Rien à refaire.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="406"/>
        <source>Details of {what}</source>
        <translation>Détails de {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="411"/>
        <source>This building or place: what is it?</source>
        <translation>Ce bâtiment ou ce lieu : qu’est-ce que c’est ?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="415"/>
        <source>New place: what is it?</source>
        <translation>Nouveau lieu : qu’est-ce que c’est ?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="416"/>
        <source>New transport line: what is it?</source>
        <translation>Nouvelle ligne de transport : qu’est-ce que c’est ?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="417"/>
        <source>New risk zone: what is the danger?</source>
        <translation>Nouvelle zone à risque : quel est le danger ?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="432"/>
        <source>It has no name: if it has one, add it with Details.</source>
        <translation>Il n’a pas de nom : s’il en a un, ajoutez-le avec Détails.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="433"/>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="460"/>
        <source>Someone else saved this feature while its form is open: saving will show both versions.</source>
        <translation>Quelqu’un d’autre a enregistré cet objet pendant que son formulaire est ouvert : l’enregistrement montrera les deux versions.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="472"/>
        <source>Not saved: someone else saved this feature meanwhile.</source>
        <translation>Non enregistré : quelqu’un d’autre a enregistré cet objet entre-temps.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="480"/>
        <source>Saved: your version is kept.</source>
        <translation>Enregistré : votre version est gardée.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="483"/>
        <source>Their version is kept; your change was dropped.</source>
        <translation>Sa version est gardée ; votre modification a été abandonnée.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="200"/>
        <source>Export data</source>
        <extracomment>Data formats offered, in the order shown: (format, extension). Formats that can be limited to an area. Formats that publish to others: only verified features unless the person asks. Formats written from the participatory layers only. What a default file name ends with, per format (never the project&apos;s own name). Layer kinds never offered (derived data). Format name (gpkg, geojson... html, pdf, png). The file to write. Layer names, or None for what the format takes by default (GTFS, printed maps). Only participatory features marked verified. Keep who mapped and household survey answers. Settings of web and printed maps (title, template, paper...). Project layers offered (LayerInfo: name, kind, title, count). What the map window shows (west, south, east, north degrees), if anything.</extracomment>
        <translation>Exporter des données</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="202"/>
        <source>GeoPackage (.gpkg): for QGIS and GIS teams</source>
        <translation>GeoPackage (.gpkg) : pour QGIS et les équipes SIG</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="203"/>
        <source>GeoJSON (.geojson): for web tools, one file per layer</source>
        <translation>GeoJSON (.geojson) : pour les outils web, un fichier par couche</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="204"/>
        <source>Shapefile (.shp): for older GIS software</source>
        <translation>Shapefile (.shp) : pour les logiciels SIG plus anciens</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="205"/>
        <source>CSV (.csv): for spreadsheets</source>
        <translation>CSV (.csv) : pour les tableurs</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="206"/>
        <source>KML (.kml): for Google Earth</source>
        <translation>KML (.kml) : pour Google Earth</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="207"/>
        <source>OpenStreetMap (.osm): to open in JOSM and upload</source>
        <translation>OpenStreetMap (.osm) : à ouvrir dans JOSM et à envoyer</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="208"/>
        <source>OpenStreetMap changes (.osc): osmChange for JOSM</source>
        <translation>Modifications OpenStreetMap (.osc) : osmChange pour JOSM</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="209"/>
        <source>Transport feed GTFS (.zip): routes and stops for journey planners</source>
        <translation>Flux de transport GTFS (.zip) : lignes et arrêts pour les calculateurs d&apos;itinéraire</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="210"/>
        <source>Offline web map (.html): one file that opens in any browser</source>
        <translation>Carte web hors ligne (.html) : un fichier qui s&apos;ouvre dans tout navigateur</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="214"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="215"/>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="216"/>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="217"/>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="218"/>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="219"/>
        <source>Only features marked verified</source>
        <translation>Seulement les objets marqués vérifiés</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="220"/>
        <source>Leave out personal data (who mapped, household survey answers), for sharing publicly</source>
        <translation>Retirer les données personnelles (qui a cartographié, réponses aux enquêtes ménages), pour un partage public</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="222"/>
        <source>Only what the map window shows</source>
        <translation>Seulement ce que montre la fenêtre de la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="223"/>
        <source>Title of the map</source>
        <translation>Titre de la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="224"/>
        <source>Save to</source>
        <translation>Enregistrer sous</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="225"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="226"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="232"/>
        <source>One file with one table per layer; tags become columns.</source>
        <translation>Un fichier avec une table par couche ; les attributs deviennent des colonnes.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="233"/>
        <source>Longitude and latitude, as web maps and phones read them; one file per layer is written beside the one chosen.</source>
        <translation>Longitude et latitude, comme les lisent les cartes web et les téléphones ; un fichier par couche est écrit à côté de celui choisi.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="235"/>
        <source>One shapefile per layer and geometry type; long field names are shortened and listed in a side file.</source>
        <translation>Un shapefile par couche et type de géométrie ; les noms de champs trop longs sont raccourcis et listés dans un fichier à côté.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="237"/>
        <source>One row per feature: longitude and latitude for points, the shape as text (WKT) for lines and areas.</source>
        <translation>Une ligne par objet : longitude et latitude pour les points, la forme en texte (WKT) pour les lignes et les surfaces.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="239"/>
        <source>One folder per layer, with the tags in each placemark.</source>
        <translation>Un dossier par couche, avec les attributs dans chaque repère.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="240"/>
        <source>New features get negative ids; changed OpenStreetMap features keep their id and version. Check them in JOSM before uploading.</source>
        <translation>Les nouveaux objets ont des identifiants négatifs ; les objets OpenStreetMap modifiés gardent leur identifiant et leur version. Vérifiez-les dans JOSM avant de les envoyer.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="243"/>
        <source>The same changes as an osmChange file.</source>
        <translation>Les mêmes modifications, en fichier osmChange.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="244"/>
        <source>Made from the transport lines and stops, with their fares and frequencies.</source>
        <translation>Fait à partir des lignes de transport et des arrêts, avec leurs tarifs et leurs fréquences.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="246"/>
        <source>Works with no internet: the map, its layers, legend and popups are all inside the file.</source>
        <translation>Fonctionne sans internet : la carte, ses couches, la légende et les fenêtres d&apos;information sont toutes dans le fichier.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="250"/>
        <source>1 feature</source>
        <translation>1 objet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="252"/>
        <source>A GTFS feed is always made from the transport lines and their stops.</source>
        <translation>Un flux GTFS est toujours fait des lignes de transport et de leurs arrêts.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="255"/>
        <source>Only what was mapped in Quartier goes to OpenStreetMap.</source>
        <translation>Seul ce qui a été cartographié dans Quartier va vers OpenStreetMap.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dialogs/export_dialog.py" line="261"/>
        <source>%n features</source>
        <translation>
            <numerusform>%n objet</numerusform>
            <numerusform>%n objets</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="343"/>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="103"/>
        <source>{file} is the project itself: choose another name for the export.</source>
        <extracomment>An export finished: its report (files, counts, notes). The dialog while it is open (tests fill it in). The summary shown after the last export (tests read it). The replace question while it is shown (tests answer it).</extracomment>
        <translation>{file} est le projet lui-même : choisissez un autre nom pour l&apos;export.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="107"/>
        <source>Replace file?</source>
        <translation>Remplacer le fichier ?</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="108"/>
        <source>{file} already exists. Replace it?</source>
        <translation>{file} existe déjà. Le remplacer ?</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="139"/>
        <source>Exporting {file}</source>
        <translation>Export de {file}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dialogs/export_flow.py" line="146"/>
        <source>Wrote %n file(s) in {folder}:</source>
        <translation>
            <numerusform>%n fichier écrit dans {folder} :</numerusform>
            <numerusform>%n fichiers écrits dans {folder} :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dialogs/export_flow.py" line="156"/>
        <source>{layer}: %n features</source>
        <translation>
            <numerusform>{layer} : %n objet</numerusform>
            <numerusform>{layer} : %n objets</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="150"/>
        <source>  … and {count} more</source>
        <translation>  … et {count} de plus</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="155"/>
        <source>{layer}: 1 feature</source>
        <translation>{layer} : 1 objet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="157"/>
        <source>Export finished</source>
        <translation>Export terminé</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="162"/>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="174"/>
        <source>Exported {file}</source>
        <translation>{file} exporté</translation>
    </message>
</context>
<context>
    <name>FeatureEditor</name>
    <message>
        <location filename="../../desktop/editing/editor_panel.py" line="75"/>
        <source>Cancel</source>
        <extracomment>Save pressed: preset id and tags. The person gave up describing the feature. Answers a new feature starts with, when its form asks them ({&quot;fare:currency&quot;: &quot;KES&quot;}).</extracomment>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/editor_panel.py" line="78"/>
        <source>Choose a tool in the Edit toolbar: add a place, draw a line or an area, then describe it here.</source>
        <translation>Choisissez un outil dans la barre d’édition : ajoutez un lieu, dessinez une ligne ou une zone, puis décrivez-le ici.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/editor_panel.py" line="77"/>
        <location filename="../../desktop/editing/editor_panel.py" line="141"/>
        <source>Describe</source>
        <translation>Décrire</translation>
    </message>
</context>
<context>
    <name>FeatureStoryItems</name>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="61"/>
        <source>Yes</source>
        <extracomment>Tags that are bookkeeping, not answers.</extracomment>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="61"/>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="72"/>
        <source>Added</source>
        <translation>Ajouté</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="73"/>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="74"/>
        <source>Moved</source>
        <translation>Déplacé</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="75"/>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="76"/>
        <source>Review status changed</source>
        <translation>Statut de vérification changé</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="77"/>
        <source>Undone</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="78"/>
        <source>Redone</source>
        <translation>Rétabli</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="94"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="99"/>
        <source>Stop number</source>
        <translation>Numéro d’arrêt</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="100"/>
        <source>Mapped by</source>
        <translation>Cartographié par</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="102"/>
        <source>Mapping session</source>
        <translation>Session de cartographie</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="104"/>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="105"/>
        <source>Last changed</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="106"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="108"/>
        <source>Review</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="108"/>
        <source>Verified</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="108"/>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="112"/>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="114"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="114"/>
        <source>1 change</source>
        <translation>1 modification</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/panels/identify_details.py" line="115"/>
        <source>%n changes</source>
        <translation>
            <numerusform>%n modification</numerusform>
            <numerusform>%n modifications</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="119"/>
        <source>v{version}</source>
        <translation>v{version}</translation>
    </message>
</context>
<context>
    <name>FieldImportDialog</name>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="162"/>
        <source>Import field data</source>
        <extracomment>The layers field data fills, with their titles as the project names them. Rows shown in the preview (the refused ones are all listed below it). The import was saved (its :class:`mapping.field_import.ImportReport`). The window&apos;s edit session (None when no mapping session is open). The file as read (FieldData), and what importing it would do (FieldPreview). Columns whose key the person changed: column → key (&quot;&quot; to leave it out). The last import&apos;s report.</extracomment>
        <translation>Importer des données de terrain</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="163"/>
        <source>File:</source>
        <translation>Fichier :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="163"/>
        <source>Into layer:</source>
        <translation>Dans la couche :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="163"/>
        <source>Preset:</source>
        <translation>Modèle :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="164"/>
        <source>XLSForm (optional):</source>
        <translation>XLSForm (facultatif) :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="164"/>
        <source>Contributor:</source>
        <translation>Contributeur :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="167"/>
        <source>ODK or Kobo export, GPX, GeoJSON, GeoPackage, Shapefile or report sheet</source>
        <translation>Export ODK ou Kobo, GPX, GeoJSON, GeoPackage, Shapefile ou tableau de signalements</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="169"/>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="170"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="171"/>
        <source>who imports, when the file does not say who collected the rows</source>
        <translation>qui importe, quand le fichier ne dit pas qui a collecté les lignes</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="176"/>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="228"/>
        <source>(from a category or type column)</source>
        <translation>(d’après une colonne category ou type)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="177"/>
        <source>What the file holds (first rows)</source>
        <translation>Ce que contient le fichier (premières lignes)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="179"/>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="179"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="179"/>
        <source>Preset</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="180"/>
        <source>Tags, or why it is refused</source>
        <translation>Attributs, ou pourquoi elle est refusée</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="181"/>
        <source>Columns and the tags they fill</source>
        <translation>Colonnes et les attributs qu’elles remplissent</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="182"/>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="182"/>
        <source>Tag key</source>
        <translation>Clé d’attribut</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="183"/>
        <source>Stops proposed where the vehicle stood still</source>
        <translation>Arrêts proposés là où le véhicule s’est arrêté</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="184"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="207"/>
        <source>Field data to import</source>
        <translation>Données de terrain à importer</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="208"/>
        <source>Field data (*.csv *.txt *.geojson *.json *.gpx *.gpkg *.shp *.zip);;All files (*)</source>
        <translation>Données de terrain (*.csv *.txt *.geojson *.json *.gpx *.gpkg *.shp *.zip);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="214"/>
        <source>XLSForm</source>
        <translation>XLSForm</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="215"/>
        <source>XLSForm (*.xlsx)</source>
        <translation>XLSForm (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="323"/>
        <source>{taken} of {total} rows would be imported as drafts.</source>
        <translation>{taken} lignes sur {total} seraient importées comme brouillons.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="338"/>
        <source>Refused: {reason}</source>
        <translation>Refusée : {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="348"/>
        <source>Refused {where}: {reason}</source>
        <translation>Refusée, {where} : {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="353"/>
        <source>none found</source>
        <translation>aucune trouvée</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="361"/>
        <source>{count} points from {lat:.6f}, {lon:.6f}</source>
        <translation>{count} points depuis {lat:.6f}, {lon:.6f}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="401"/>
        <source>Stop {number} ({where}): {lat:.6f}, {lon:.6f}, the vehicle stood there {seconds:.0f} s</source>
        <translation>Arrêt {number} ({where}) : {lat:.6f}, {lon:.6f}, le véhicule y est resté {seconds:.0f} s</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="424"/>
        <source>Say who is importing: type a name under Contributor, or start a mapping session first.</source>
        <translation>Dites qui importe : tapez un nom dans Contributeur, ou commencez d’abord une session de cartographie.</translation>
    </message>
</context>
<context>
    <name>FieldImportFlow</name>
    <message>
        <location filename="../../desktop/field_import_flow.py" line="49"/>
        <source>Import field data…</source>
        <extracomment>The dialog open now (None when closed).</extracomment>
        <translation>Importer des données de terrain…</translation>
    </message>
    <message>
        <location filename="../../desktop/field_import_flow.py" line="50"/>
        <source>Bring ODK or Kobo forms, GPX tracks, surveys or citizen reports into the participatory layers as drafts</source>
        <translation>Amener des formulaires ODK ou Kobo, des traces GPX, des enquêtes ou des signalements citoyens dans les couches participatives, comme brouillons</translation>
    </message>
    <message>
        <location filename="../../desktop/field_import_flow.py" line="82"/>
        <source>Imported 1 feature from {source} as a draft; refused: {refused}.</source>
        <translation>1 objet importé de {source} comme brouillon ; refusés : {refused}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/field_import_flow.py" line="84"/>
        <source>Imported %n features from {source} as drafts; refused: {refused}.</source>
        <translation>
            <numerusform>%n objet importé de {source} comme brouillon ; refusés : {refused}.</numerusform>
            <numerusform>%n objets importés de {source} comme brouillons ; refusés : {refused}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GtfsImportFlow</name>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="50"/>
        <source>Import GTFS feed…</source>
        <translation>Importer un flux GTFS…</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="51"/>
        <source>Bring a published GTFS feed&apos;s routes and stops into the transport lines as drafts</source>
        <translation>Ajouter les lignes et les arrêts d&apos;un flux GTFS publié aux lignes de transport, comme brouillons</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="61"/>
        <source>Import a GTFS feed</source>
        <translation>Importer un flux GTFS</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="62"/>
        <source>GTFS feeds (*.zip stops.txt stops.csv);;All files (*)</source>
        <translation>Flux GTFS (*.zip stops.txt stops.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="86"/>
        <source>Importing {name}</source>
        <translation>Importation de {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="104"/>
        <source>Imported {lines} transport lines ({two_way} running both ways) with {stops} stops from {source}, as drafts; left out: {refused}.</source>
        <translation>{lines} lignes de transport importées ({two_way} dans les deux sens) avec {stops} arrêts depuis {source}, comme brouillons ; laissées de côté : {refused}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="109"/>
        <source>Left out {where}: {reason}.</source>
        <translation>Laissé de côté {where} : {reason}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="114"/>
        <source>… and {count} more.</source>
        <translation>… et {count} de plus.</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="117"/>
        <source>GTFS feed imported</source>
        <translation>Flux GTFS importé</translation>
    </message>
</context>
<context>
    <name>HazardImportDialog</name>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="153"/>
        <source>Add a reference layer</source>
        <extracomment>The file to read. Table name in the project (letters, digits and underscores). Title shown in the layers panel and the legend. Hazard type (None for a reference layer). Class limits for a continuous hazard (None for a reference layer). Vector hazard: the attribute holding depths or class words (None: one class). A ready-made class scheme (&quot;flood4&quot;) instead of ``thresholds``.</extracomment>
        <translation>Ajouter une couche de référence</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="154"/>
        <source>A layer to map on top of: boundaries, a survey, schools... (GeoPackage, Shapefile, GeoJSON).</source>
        <translation>Une couche sur laquelle cartographier : limites, enquête, écoles… (GeoPackage, Shapefile, GeoJSON).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="157"/>
        <source>Add a hazard layer</source>
        <translation>Ajouter une couche d’aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="158"/>
        <source>A hazard map: flood depth raster (GeoTIFF), flooded areas or risk zones (GeoPackage, Shapefile, GeoJSON).</source>
        <translation>Une carte d’aléa : hauteurs d’eau en raster (GeoTIFF), zones inondées ou zones à risque (GeoPackage, Shapefile, GeoJSON).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="160"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="160"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="160"/>
        <source>Hazard</source>
        <translation>Aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="161"/>
        <source>Hazard attribute</source>
        <translation>Attribut de l’aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="164"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="165"/>
        <source>Classes (for depths and other measured values)</source>
        <translation>Classes (pour les hauteurs d’eau et autres valeurs mesurées)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="167"/>
        <source>Three classes, low, medium and high, with these limits:</source>
        <translation>Trois classes, faible, moyen et élevé, avec ces limites :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="178"/>
        <source>Flood</source>
        <translation>Inondation</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="178"/>
        <source>Tsunami</source>
        <translation>Tsunami</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="179"/>
        <source>Landslide</source>
        <translation>Glissement de terrain</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="179"/>
        <source>Fire</source>
        <translation>Incendie</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="180"/>
        <source>Erosion</source>
        <translation>Érosion</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="181"/>
        <source>Storm surge</source>
        <translation>Submersion marine</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="182"/>
        <source>Earthquake</source>
        <translation>Séisme</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="183"/>
        <source>Volcanic ash</source>
        <translation>Cendres volcaniques</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="183"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="189"/>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="216"/>
        <source>(none: every area in one class)</source>
        <translation>(aucun : toutes les zones dans une même classe)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="190"/>
        <source>The attribute that holds a depth or a class word (low, medium, high)</source>
        <translation>L’attribut qui contient une hauteur ou un mot de classe (faible, moyen, élevé)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="203"/>
        <source>Map layers (*.tif *.tiff *.asc *.gpkg *.shp *.geojson *.json)</source>
        <translation>Couches cartographiques (*.tif *.tiff *.asc *.gpkg *.shp *.geojson *.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="204"/>
        <source>Choose a file</source>
        <translation>Choisir un fichier</translation>
    </message>
</context>
<context>
    <name>HistoryWords</name>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="56"/>
        <source>Added</source>
        <extracomment>A changed value longer than this is shortened in the line (the tooltip has it all).</extracomment>
        <translation>Ajouté</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="58"/>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="61"/>
        <source>Undone: {changes}</source>
        <translation>Annulé : {changes}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="62"/>
        <source>Undone</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="64"/>
        <source>Redone: {changes}</source>
        <translation>Refait : {changes}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="65"/>
        <source>Redone</source>
        <translation>Refait</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="67"/>
        <source>Saved again, nothing changed</source>
        <translation>Enregistré à nouveau, sans changement</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="78"/>
        <source>type: {old} → {new}</source>
        <translation>type : {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="84"/>
        <source>moved</source>
        <translation>déplacé</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="85"/>
        <source>shape changed</source>
        <translation>forme modifiée</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="89"/>
        <source>marked verified</source>
        <translation>marqué vérifié</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="90"/>
        <source>marked draft</source>
        <translation>marqué brouillon</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="94"/>
        <source>stop number: {old} → {new}</source>
        <translation>numéro d’arrêt : {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="112"/>
        <source>{what}: {new} (added)</source>
        <translation>{what} : {new} (ajouté)</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="114"/>
        <source>{what}: {old} (removed)</source>
        <translation>{what} : {old} (retiré)</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="100"/>
        <source>What</source>
        <extracomment>Columns that mean nothing to a resident. Attributes whose value is a hazard class label (&quot;Low (&lt; 0.5 m)&quot;). What was shown is gone (undone, deleted): the panel is empty again.</extracomment>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="100"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="160"/>
        <source>Nothing here. Click on a building, a street or a place.</source>
        <translation>Rien ici. Cliquez sur un bâtiment, une rue ou un lieu.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="162"/>
        <source>Click on the map to see what is there.</source>
        <translation>Cliquez sur la carte pour voir ce qui s’y trouve.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="164"/>
        <source>Found here:</source>
        <translation>Trouvé ici :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="175"/>
        <source>{name} ({layer})</source>
        <translation>{name} ({layer})</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="94"/>
        <source>Adding {title}</source>
        <extracomment>A layer was added: its table name. The CRS question while it is shown (for tests). The outside-the-area warning while it is shown (for tests). What the last import changed on the way in, while it is shown (for tests).</extracomment>
        <translation>Ajout de {title}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="107"/>
        <source>Added {title} to the map.</source>
        <translation>{title} a été ajouté à la carte.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="114"/>
        <source>Added {title}</source>
        <translation>{title} ajouté</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="116"/>
        <source>{title} was added to the map. Some of it was changed on the way in:</source>
        <translation>{title} a été ajouté à la carte. Une partie a été modifiée à l’import :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="155"/>
        <source>Outside the project area</source>
        <translation>Hors de la zone du projet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="158"/>
        <source>Import anyway</source>
        <translation>Importer quand même</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="185"/>
        <source>This hazard layer has one class for all its features.</source>
        <translation>Cette couche d’aléa a une seule classe pour tous ses objets.</translation>
    </message>
</context>
<context>
    <name>LayerTitle</name>
    <message>
        <location filename="../../desktop/service_flow.py" line="30"/>
        <source>Walk to transport</source>
        <extracomment>Titles and legend classes of the layers the analysis writes (:mod:`mapping.analysis._service_layers`), for lupdate: the map&apos;s layer list and legend translate them at run time (:mod:`desktop.i18n`).</extracomment>
        <translation>Marche jusqu’aux transports</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="31"/>
        <source>Transport stops by frequency</source>
        <translation>Arrêts par fréquence</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="32"/>
        <source>Least-served areas</source>
        <translation>Zones les moins desservies</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="94"/>
        <source>Opacity</source>
        <extracomment>Zoom the map to this layer. Edit the classes of this hazard layer.</extracomment>
        <translation>Opacité</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="95"/>
        <source>How see-through the selected layer is</source>
        <translation>Transparence de la couche choisie</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="96"/>
        <source>Tick to show, drag to reorder, right-click for more.</source>
        <translation>Cochez pour afficher, glissez pour réordonner, clic droit pour plus.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="178"/>
        <source>OpenStreetMap base layer</source>
        <translation>Couche de base OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="179"/>
        <source>Street graph (for routes and access)</source>
        <translation>Graphe des rues (pour les itinéraires et l’accès)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="180"/>
        <source>Mapped with residents</source>
        <translation>Cartographié avec les habitants</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="181"/>
        <source>Hazard layer</source>
        <translation>Couche d’aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="182"/>
        <source>Reference layer</source>
        <translation>Couche de référence</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="185"/>
        <source>{title} ({kind}; table “{name}”)</source>
        <translation>{title} ({kind} ; table « {name} »)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="239"/>
        <source>Zoom to layer</source>
        <translation>Zoomer sur la couche</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="242"/>
        <source>Hazard classes…</source>
        <translation>Classes d’aléa…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="245"/>
        <source>Remove from map…</source>
        <translation>Retirer de la carte…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="256"/>
        <source>Remove layer</source>
        <translation>Retirer la couche</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="257"/>
        <source>Remove “{title}” from the map?</source>
        <translation>Retirer « {title} » de la carte ?</translation>
    </message>
</context>
<context>
    <name>LegendLabel</name>
    <message>
        <location filename="../../desktop/service_flow.py" line="33"/>
        <source>frequent stop within walk</source>
        <translation>arrêt fréquent à distance de marche</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="34"/>
        <source>stop within walk</source>
        <translation>arrêt à distance de marche</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="35"/>
        <source>no stop within walk</source>
        <translation>aucun arrêt à distance de marche</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="36"/>
        <source>no street near</source>
        <translation>aucune rue proche</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="37"/>
        <source>under 25 %</source>
        <translation>moins de 25 %</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="38"/>
        <source>25-50 %</source>
        <translation>25-50 %</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="39"/>
        <source>50-75 %</source>
        <translation>50-75 %</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="40"/>
        <source>75 % or more</source>
        <translation>75 % ou plus</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="41"/>
        <source>no buildings</source>
        <translation>aucun bâtiment</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="42"/>
        <source>frequent</source>
        <translation>fréquent</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="43"/>
        <source>not frequent</source>
        <translation>peu fréquent</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="44"/>
        <source>cut off</source>
        <translation>coupé</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <location filename="../../desktop/panels/legend_panel.py" line="50"/>
        <source>The legend lists the layers shown on the map.</source>
        <extracomment>What the legend shows now (to rebuild it only when that changes).</extracomment>
        <translation>La légende liste les couches affichées sur la carte.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="305"/>
        <source>&amp;File</source>
        <extracomment>A project is on the map (its Project object). Where the open project is: its file, or its team-server address (with the password typed in the window, if any: in memory only, never shown or remembered). The dialog asking a team server&apos;s password, while it is up. The last error shown to the person (tests, bug reports). The quick-start guide, once opened (Help → Quick start). Shows others&apos; edits while a team-server project is open.</extracomment>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="306"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="307"/>
        <source>&amp;Layer</source>
        <translation>&amp;Couche</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="308"/>
        <source>&amp;Settings</source>
        <translation>&amp;Paramètres</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="309"/>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="310"/>
        <source>Open &amp;recent</source>
        <translation>Ouvrir un projet &amp;récent</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="311"/>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="312"/>
        <source>Open &amp;sample area</source>
        <translation>Ouvrir une zone d’&amp;exemple</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="313"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="315"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="315"/>
        <source>Open a project file (.gpkg)</source>
        <translation>Ouvrir un fichier de projet (.gpkg)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="316"/>
        <source>Open team project…</source>
        <translation>Ouvrir un projet d’équipe…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="317"/>
        <source>Map together on a project kept on a team server (PostgreSQL)</source>
        <translation>Cartographier ensemble sur un projet gardé sur un serveur d’équipe (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="319"/>
        <source>New project…</source>
        <translation>Nouveau projet…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="320"/>
        <source>Make a project from an OpenStreetMap extract</source>
        <translation>Créer un projet à partir d’un extrait OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="321"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="321"/>
        <source>Close Quartier</source>
        <translation>Fermer Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="322"/>
        <source>Clear the list</source>
        <translation>Vider la liste</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="323"/>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="324"/>
        <source>Open the folder holding this project in the file manager</source>
        <translation>Ouvrir le dossier qui contient ce projet dans le gestionnaire de fichiers</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="326"/>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="326"/>
        <source>Show a smaller area, closer</source>
        <translation>Voir une zone plus petite, de plus près</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="327"/>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="327"/>
        <source>Show a larger area</source>
        <translation>Voir une zone plus grande</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="328"/>
        <source>Whole area</source>
        <translation>Toute la zone</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="329"/>
        <source>Show the whole project area</source>
        <translation>Voir toute la zone du projet</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="330"/>
        <location filename="../../desktop/main_window.py" line="369"/>
        <source>Add hazard</source>
        <translation>Ajouter un aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="331"/>
        <source>Add a hazard layer: flood depth, flooded areas…</source>
        <translation>Ajouter une couche d’aléa : hauteurs d’eau, zones inondées…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="332"/>
        <source>Add reference layer…</source>
        <translation>Ajouter une couche de référence…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="333"/>
        <source>Add boundaries, a survey or other data to map on</source>
        <translation>Ajouter des limites, une enquête ou d’autres données sur lesquelles cartographier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="336"/>
        <source>Data for GIS (GeoPackage, GeoJSON, Shapefile, CSV, KML)…</source>
        <translation>Données pour SIG (GeoPackage, GeoJSON, Shapefile, CSV, KML)…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="337"/>
        <source>Export layers for QGIS, GIS teams and spreadsheets</source>
        <translation>Exporter des couches pour QGIS, les équipes SIG et les tableurs</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="338"/>
        <source>For OpenStreetMap (JOSM)…</source>
        <translation>Pour OpenStreetMap (JOSM)…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="339"/>
        <source>Export the verified features to open in JOSM and upload</source>
        <translation>Exporter les objets vérifiés pour les ouvrir dans JOSM et les envoyer</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="341"/>
        <source>Transport feed (GTFS)…</source>
        <translation>Flux de transport (GTFS)…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="342"/>
        <source>Export the transport lines and stops as a GTFS feed</source>
        <translation>Exporter les lignes de transport et les arrêts en flux GTFS</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="344"/>
        <source>Offline web map…</source>
        <translation>Carte web hors ligne…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="345"/>
        <source>One HTML file that shows the map in any browser, with no internet</source>
        <translation>Un fichier HTML qui montre la carte dans tout navigateur, sans internet</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="347"/>
        <source>Print map…</source>
        <translation>Imprimer une carte…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="348"/>
        <source>Facility, risk and evacuation or transport map on A4 or A3, as PDF or PNG</source>
        <translation>Carte des équipements, des risques et de l&apos;évacuation ou des transports en A4 ou A3, en PDF ou PNG</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="350"/>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="350"/>
        <source>Language and coordinates</source>
        <translation>Langue et coordonnées</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="351"/>
        <source>About Quartier</source>
        <translation>À propos de Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="352"/>
        <source>Quick start</source>
        <translation>Prise en main</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="353"/>
        <source>How to run a mapping session, step by step</source>
        <translation>Comment mener une séance de cartographie, pas à pas</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="354"/>
        <source>UTM coordinates</source>
        <translation>Coordonnées UTM</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="355"/>
        <source>Also show coordinates in metres (UTM)</source>
        <translation>Afficher aussi les coordonnées en mètres (UTM)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="356"/>
        <source>Move map</source>
        <translation>Déplacer la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="357"/>
        <source>Drag the map to move it</source>
        <translation>Faites glisser la carte pour la déplacer</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="358"/>
        <location filename="../../desktop/main_window.py" line="381"/>
        <source>What is here?</source>
        <translation>Qu’y a-t-il ici ?</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="359"/>
        <source>Click on the map to see what is there</source>
        <translation>Cliquez sur la carte pour voir ce qui s’y trouve</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="361"/>
        <source>Zoom to area</source>
        <translation>Zoom sur une zone</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="362"/>
        <source>Draw a box on the map to zoom to it (or Shift+drag)</source>
        <translation>Tracez un rectangle sur la carte pour zoomer dessus (ou Maj+glisser)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="370"/>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="371"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="372"/>
        <source>Export data, a web map or a map to print</source>
        <translation>Exporter des données, une carte web ou une carte à imprimer</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="373"/>
        <source>Kibera, Nairobi (Kenya)</source>
        <translation>Kibera, Nairobi (Kenya)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="374"/>
        <source>Jakarta (Indonesia), with flood depths</source>
        <translation>Jakarta (Indonésie), avec hauteurs d’inondation</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="377"/>
        <source>Sample area</source>
        <translation>Zone d’exemple</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="378"/>
        <source>Open a ready-made example area</source>
        <translation>Ouvrir une zone d’exemple toute prête</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="379"/>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="380"/>
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="382"/>
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="393"/>
        <source>Quartier: participatory mapping</source>
        <translation>Quartier : cartographie participative</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="421"/>
        <source>Open a project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="422"/>
        <source>Quartier projects (*.gpkg)</source>
        <translation>Projets Quartier (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="432"/>
        <source>Opening {name}</source>
        <translation>Ouverture de {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="463"/>
        <source>Opening {name} from the team server</source>
        <translation>Ouverture de {name} depuis le serveur d’équipe</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="473"/>
        <source>Team server password</source>
        <translation>Mot de passe du serveur d’équipe</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="474"/>
        <source>Password of {user} on {server}:</source>
        <translation>Mot de passe de {user} sur {server} :</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="475"/>
        <source>your user</source>
        <translation>votre utilisateur</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="489"/>
        <source>Preparing the sample area (only the first time)</source>
        <translation>Préparation de la zone d’exemple (la première fois seulement)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="490"/>
        <location filename="../../desktop/main_window.py" line="523"/>
        <source>Opening the map</source>
        <translation>Ouverture de la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="499"/>
        <source>Opening the sample area {name}</source>
        <translation>Ouverture de la zone d’exemple {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="512"/>
        <source>Replace project?</source>
        <translation>Remplacer le projet ?</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="513"/>
        <source>{file} already exists. Replace it?</source>
        <translation>{file} existe déjà. Le remplacer ?</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="538"/>
        <source>Making {name}</source>
        <translation>Création de {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="559"/>
        <source>Opened {name}</source>
        <translation>{name} est ouvert</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="572"/>
        <source>Quartier</source>
        <translation>Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="571"/>
        <source>Something went wrong: {error}</source>
        <translation>Un problème est survenu : {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="399"/>
        <location filename="../../desktop/main_window.py" line="405"/>
        <source>{project} — {file} — Quartier</source>
        <translation>{project} — {file} — Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="592"/>
        <source>{project}   (team server {server})</source>
        <translation>{project}   (serveur d’équipe {server})</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="595"/>
        <source>{file}   ({folder})</source>
        <translation>{file}   ({folder})</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="602"/>
        <source>(no recent projects)</source>
        <translation>(aucun projet récent)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="637"/>
        <source>This layer is empty.</source>
        <translation>Cette couche est vide.</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../../desktop/canvas.py" line="175"/>
        <source>Open a project or a sample area to see the map.</source>
        <extracomment>Closest zoom (metres per pixel), about 1:500 on a laptop screen. Farthest zoom (metres per pixel), a whole country. Drag moves the map. Click shows what is there; drag moves the map. Drag draws a box to zoom to. Cursor position: longitude, latitude, and x, y in the working CRS. The map scale changed: its denominator (the N of 1:N). A click found these features (list of IdentifyResult; empty when nothing is there). A &quot;What is here?&quot; click, at these map coordinates (working CRS). The view changed (pan or zoom), before it is drawn. A new map image is on screen. Attribution drawn bottom right. The search result shown with a pin and its name: (x, y, label), or None. The pluggable map tool (see :meth:`set_map_tool`), or None.</extracomment>
        <translation>Ouvrez un projet ou une zone d’exemple pour voir la carte.</translation>
    </message>
    <message>
        <location filename="../../desktop/canvas.py" line="176"/>
        <source>Drawing the map…</source>
        <translation>Dessin de la carte…</translation>
    </message>
</context>
<context>
    <name>MapSearch</name>
    <message>
        <location filename="../../desktop/search.py" line="55"/>
        <source>Find a street, place or facility</source>
        <extracomment>Closest zoom for a search result (metres per pixel), about 1:2,000. Pause after the last key before suggestions are looked up, milliseconds. Most suggestions listed. Letters typed before suggestions are looked up.</extracomment>
        <translation>Chercher une rue, un lieu, un équipement</translation>
    </message>
    <message>
        <location filename="../../desktop/search.py" line="56"/>
        <source>Type a name: places matching it are suggested as you type</source>
        <translation>Tapez un nom : les lieux qui correspondent sont proposés pendant la frappe</translation>
    </message>
    <message>
        <location filename="../../desktop/search.py" line="108"/>
        <source>Nothing called “{text}” on this map.</source>
        <translation>Rien ne s’appelle « {text} » sur cette carte.</translation>
    </message>
    <message>
        <location filename="../../desktop/search.py" line="136"/>
        <source>Showing {label}</source>
        <translation>Affichage de {label}</translation>
    </message>
</context>
<context>
    <name>MergeConflictsDialog</name>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="83"/>
        <source>Merge conflicts</source>
        <extracomment>Fields of a conflict that are not tags (see mapping._merge_fields). The participatory layers&apos; titles (translated by desktop.i18n.layer_title). Keep a side (&quot;mine&quot; or &quot;theirs&quot;) for the feature of this conflict. Save this value for the conflict&apos;s tag (conflict, value). A conflict was selected (show its feature on the map).</extracomment>
        <translation>Conflits de fusion</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="95"/>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="95"/>
        <source>Feature</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="95"/>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="233"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="95"/>
        <source>Mine</source>
        <translation>Le mien</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="96"/>
        <source>Theirs</source>
        <translation>Le leur</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="96"/>
        <source>Changed by</source>
        <translation>Modifié par</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="96"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="96"/>
        <source>From file</source>
        <translation>Du fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="113"/>
        <source>Rows in yellow differ between the two versions. Keep mine or Keep theirs settles every conflicting field of the feature.</source>
        <extracomment>The side-by-side table of the selected conflict (ConflictDialog&apos;s).</extracomment>
        <translation>Les lignes en jaune diffèrent entre les deux versions. Garder le mien ou Garder le leur règle tous les champs en conflit de l&apos;objet.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="117"/>
        <source>Keep mine</source>
        <translation>Garder le mien</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="119"/>
        <source>Keep this project&apos;s values of the feature</source>
        <translation>Garder les valeurs de l&apos;objet dans ce projet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="120"/>
        <source>Keep theirs</source>
        <translation>Garder le leur</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="122"/>
        <source>Take the other laptop&apos;s values of the feature</source>
        <translation>Prendre les valeurs de l&apos;objet de l&apos;autre ordinateur</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="123"/>
        <source>Combine…</source>
        <translation>Combiner…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="125"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="160"/>
        <source>someone</source>
        <translation>quelqu&apos;un</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="166"/>
        <source>%n conflict(s) to settle: this project&apos;s values are kept until you choose.</source>
        <translation>
            <numerusform>%n conflit à régler : les valeurs de ce projet sont gardées jusqu&apos;à votre choix.</numerusform>
            <numerusform>%n conflits à régler : les valeurs de ce projet sont gardées jusqu&apos;à votre choix.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="170"/>
        <source>No conflicts left to settle.</source>
        <translation>Plus aucun conflit à régler.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="190"/>
        <source>shape</source>
        <translation>forme</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="190"/>
        <source>kind of feature</source>
        <translation>type d&apos;objet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="191"/>
        <source>review</source>
        <translation>vérification</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="191"/>
        <source>whole feature</source>
        <translation>objet entier</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="204"/>
        <source>(deleted)</source>
        <translation>(supprimé)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="205"/>
        <source>changed</source>
        <translation>modifié</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="205"/>
        <source>changed there</source>
        <translation>modifié là-bas</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="207"/>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="209"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="207"/>
        <source>shape as saved here</source>
        <translation>forme enregistrée ici</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="208"/>
        <source>shape as saved there</source>
        <translation>forme enregistrée là-bas</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="233"/>
        <source>Theirs ({file})</source>
        <translation>Le leur ({file})</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="234"/>
        <source>Mine (this project)</source>
        <translation>Le mien (ce projet)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="239"/>
        <source>Someone</source>
        <translation>Quelqu&apos;un</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="240"/>
        <source>{who} changed “{what}” on another laptop at {when} (version {version}, in {file}).</source>
        <translation>{who} a modifié « {what} » sur un autre ordinateur le {when} (version {version}, dans {file}).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="247"/>
        <source>Type the value to keep for this tag (for example both answers joined); it is saved as an ordinary edit and settles the conflict</source>
        <translation>Saisir la valeur à garder pour cet attribut (par exemple les deux réponses réunies) ; elle est enregistrée comme une modification ordinaire et règle le conflit</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="249"/>
        <source>Only a tag conflict that is its feature&apos;s only one can be combined: keep mine or theirs, then edit the feature</source>
        <translation>Seul un conflit d&apos;attribut, le seul de son objet, peut être combiné : gardez le mien ou le leur, puis modifiez l&apos;objet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="281"/>
        <source>Combine</source>
        <translation>Combiner</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="282"/>
        <source>Value of “{field}” to keep (here: “{mine}”, there: “{theirs}”):</source>
        <translation>Valeur de « {field} » à garder (ici : « {mine} », là-bas : « {theirs} ») :</translation>
    </message>
</context>
<context>
    <name>MergeFlow</name>
    <message>
        <location filename="../../desktop/merge_flow.py" line="63"/>
        <source>Merge projects…</source>
        <extracomment>The conflicts dialog, while it is up. The last merge&apos;s outcome (MergeReport), for tests.</extracomment>
        <translation>Fusionner des projets…</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="64"/>
        <source>Merge conflicts…</source>
        <translation>Conflits de fusion…</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="80"/>
        <source>Merging is for project files: a team-server project takes the others&apos; edits as they save them.</source>
        <translation>La fusion est pour les fichiers de projet : un projet sur serveur d&apos;équipe reçoit les modifications des autres au fur et à mesure.</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="83"/>
        <source>Open a project first.</source>
        <translation>Ouvrez d&apos;abord un projet.</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="85"/>
        <source>Bring the edits made on other laptops&apos; copies of this project into it</source>
        <translation>Apporter dans ce projet les modifications faites sur les copies des autres ordinateurs</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="90"/>
        <source>What merged laptops changed differently, to settle</source>
        <translation>Ce que les ordinateurs fusionnés ont modifié différemment, à régler</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="108"/>
        <source>Merge projects into {name}</source>
        <translation>Fusionner des projets dans {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="109"/>
        <source>Quartier projects (*.gpkg)</source>
        <translation>Projets Quartier (*.gpkg)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/merge_flow.py" line="122"/>
        <source>Merging %n project(s)</source>
        <translation>
            <numerusform>Fusion de %n projet</numerusform>
            <numerusform>Fusion de %n projets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/merge_flow.py" line="178"/>
        <source>%n merge conflict(s) in {path}</source>
        <translation>
            <numerusform>%n conflit de fusion dans {path}</numerusform>
            <numerusform>%n conflits de fusion dans {path}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="130"/>
        <source>Merging into {name}</source>
        <translation>Fusion dans {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="136"/>
        <source>Merged {files} into {name}: {added} added, {updated} updated, {deleted} deleted, {combined} combined, {conflicts} conflict(s).</source>
        <translation>{files} fusionné(s) dans {name} : {added} ajouté(s), {updated} mis à jour, {deleted} supprimé(s), {combined} combiné(s), {conflicts} conflit(s).</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="237"/>
        <source>Kept this project&apos;s version of “{what}”.</source>
        <translation>Version de ce projet gardée pour « {what} ».</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="239"/>
        <source>Kept the other laptop&apos;s version of “{what}”.</source>
        <translation>Version de l&apos;autre ordinateur gardée pour « {what} ».</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="276"/>
        <source>Saved the combined value of “{field}”.</source>
        <translation>Valeur combinée de « {field} » enregistrée.</translation>
    </message>
</context>
<context>
    <name>MergeTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="279"/>
        <source>Merge lines: click the first line.</source>
        <translation>Joindre les lignes : cliquez sur la première ligne.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="280"/>
        <source>Merge lines: now click the line to join to it.</source>
        <translation>Joindre les lignes : cliquez maintenant sur la ligne à y joindre.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="285"/>
        <source>Click on a transport line.</source>
        <translation>Cliquez sur une ligne de transport.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="295"/>
        <source>The two lines are now one.</source>
        <translation>Les deux lignes n’en font plus qu’une.</translation>
    </message>
</context>
<context>
    <name>MoveTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="173"/>
        <source>Move: drag a place, line or area to where it really is.</source>
        <translation>Déplacer : faites glisser un lieu, une ligne ou une zone là où il se trouve vraiment.</translation>
    </message>
</context>
<context>
    <name>NeedsBox</name>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="133"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="133"/>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="133"/>
        <source>Displaced</source>
        <translation>Déplacés</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="115"/>
        <source>Share of the people of this class who must leave their homes</source>
        <extracomment>The figures were counted again (a profile or a rate changed). The needs shown (mapping.analysis.needs.Needs), None without a people answer. How figures are written (set by the panel).</extracomment>
        <translation>Part des habitants de cette classe qui doivent quitter leur logement</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="154"/>
        <source>Displaced people: {count}</source>
        <translation>Personnes déplacées : {count}</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="161"/>
        <source>Need</source>
        <translation>Besoin</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="161"/>
        <source>Amount</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="161"/>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="161"/>
        <source>How often</source>
        <translation>Fréquence</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="190"/>
        <source>a day</source>
        <translation>par jour</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="190"/>
        <source>a week</source>
        <translation>par semaine</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="190"/>
        <source>a month</source>
        <translation>par mois</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="191"/>
        <source>once</source>
        <translation>une fois</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="195"/>
        <source>Minimum needs:</source>
        <translation>Besoins minimaux :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="196"/>
        <source>Whose minimum needs per displaced person (resources/needs)</source>
        <translation>Les besoins minimaux par personne déplacée, selon quel référentiel (resources/needs)</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="69"/>
        <source>New project from an OpenStreetMap extract</source>
        <translation>Nouveau projet à partir d’un extrait OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="70"/>
        <source>Quartier reads the extract (.osm, .osm.pbf or .osm.bz2) and makes a project file you can also open in QGIS.</source>
        <translation>Quartier lit l’extrait (.osm, .osm.pbf ou .osm.bz2) et crée un fichier de projet que QGIS sait aussi ouvrir.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="72"/>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="87"/>
        <source>OpenStreetMap extract</source>
        <translation>Extrait OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="73"/>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="98"/>
        <source>Project file</source>
        <translation>Fichier de projet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="73"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="76"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="77"/>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="78"/>
        <source>From the file name</source>
        <translation>D’après le nom du fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="88"/>
        <source>OpenStreetMap extracts (*.osm *.pbf *.bz2)</source>
        <translation>Extraits OpenStreetMap (*.osm *.pbf *.bz2)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="99"/>
        <source>Quartier projects (*.gpkg)</source>
        <translation>Projets Quartier (*.gpkg)</translation>
    </message>
</context>
<context>
    <name>OpeningHoursInput</name>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="142"/>
        <source>Days and hours…</source>
        <translation>Jours et heures…</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="143"/>
        <source>Tick the days, set the hours, press Add</source>
        <translation>Cochez les jours, réglez les heures, appuyez sur Ajouter</translation>
    </message>
</context>
<context>
    <name>OpeningHoursPicker</name>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="88"/>
        <source>Mon</source>
        <extracomment>The days and hours to add, as OSM writes them (&quot;Mo-Fr 08:00-17:00&quot;). The value the new days and hours are added to (set by the input).</extracomment>
        <translation>Lun</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="88"/>
        <source>Tue</source>
        <translation>Mar</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="88"/>
        <source>Wed</source>
        <translation>Mer</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="88"/>
        <source>Thu</source>
        <translation>Jeu</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="88"/>
        <source>Fri</source>
        <translation>Ven</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="89"/>
        <source>Sat</source>
        <translation>Sam</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="89"/>
        <source>Sun</source>
        <translation>Dim</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="92"/>
        <source>Opens</source>
        <translation>Ouvre à</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="93"/>
        <source>Closes</source>
        <translation>Ferme à</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="94"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="95"/>
        <source>Add these days and hours to the answer</source>
        <translation>Ajouter ces jours et ces heures à la réponse</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="96"/>
        <source>Always open</source>
        <translation>Toujours ouvert</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="110"/>
        <source>Choose at least one day, and different opening and closing times.</source>
        <translation>Choisissez au moins un jour, et des heures d’ouverture et de fermeture différentes.</translation>
    </message>
</context>
<context>
    <name>PresetForm</name>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="171"/>
        <source>Change type</source>
        <extracomment>Around every input: the same width whether it is in error or not, so that nothing moves. Save pressed with no problem left: the preset id and the tags as typed. Cancel pressed. &quot;Change type&quot; pressed: back to the preset list, keeping the tags. Inputs, problem labels and question labels by tag key. The frame around each input (red when its answer is refused). Clicks beside an input and typing no input takes go to the right question.</extracomment>
        <translation>Changer de type</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="172"/>
        <source>Choose another kind of feature; answers given are kept</source>
        <translation>Choisir une autre sorte d’élément ; les réponses données sont gardées</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="174"/>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="175"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="176"/>
        <source>Every OpenStreetMap tag as key = value, for experts</source>
        <translation>Toutes les étiquettes OpenStreetMap en clé = valeur, pour les experts</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="178"/>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="178"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="179"/>
        <source>Add tag</source>
        <translation>Ajouter une étiquette</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="180"/>
        <source>Remove tag</source>
        <translation>Retirer l’étiquette</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="181"/>
        <source>Questions marked * must be answered.</source>
        <translation>Les questions marquées * sont obligatoires.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="182"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="183"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="368"/>
        <source>To fix before saving: {count}.</source>
        <translation>À corriger avant d’enregistrer : {count}.</translation>
    </message>
</context>
<context>
    <name>PresetPicker</name>
    <message>
        <location filename="../../desktop/editing/preset_picker.py" line="97"/>
        <source>What is it? Type a few letters or pick from the list.</source>
        <extracomment>Style class of each layer&apos;s presets (facilities use their category instead). The person chose this preset (its id).</extracomment>
        <translation>Qu’est-ce que c’est ? Tapez quelques lettres ou choisissez dans la liste.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_picker.py" line="98"/>
        <source>Search: clinic, école, shule, flood…</source>
        <translation>Chercher : clinique, école, shule, inondation…</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="189"/>
        <source>Print a map</source>
        <extracomment>Ready-made maps in the order offered (others found in the templates folder follow). Resolution of the preview page, dots per inch. Wait after the last change before redrawing the preview, milliseconds. Preview number, the page image (or None) and an error sentence. The file name last offered (replaced when the map changes, unless edited). Previews drawn so far (tests wait on it). The last preview error, if drawing failed (a plain sentence).</extracomment>
        <translation>Imprimer une carte</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="190"/>
        <source>Facility map</source>
        <translation>Carte des équipements</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="191"/>
        <source>Risk and evacuation map</source>
        <translation>Carte des risques et de l&apos;évacuation</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="192"/>
        <source>Transport map</source>
        <translation>Carte des transports</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="193"/>
        <source>Overview map</source>
        <translation>Carte d&apos;ensemble</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="197"/>
        <source>Landscape</source>
        <translation>Paysage</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="198"/>
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="199"/>
        <source>PDF (for printing)</source>
        <translation>PDF (pour imprimer)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="200"/>
        <source>PNG image (for messages and slides)</source>
        <translation>Image PNG (pour les messages et les présentations)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="201"/>
        <source>Map</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="201"/>
        <source>Paper</source>
        <translation>Papier</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="202"/>
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="202"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="203"/>
        <source>Subtitle</source>
        <translation>Sous-titre</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="203"/>
        <source>Area</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="204"/>
        <source>File type</source>
        <translation>Type de fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="204"/>
        <source>Save to</source>
        <translation>Enregistrer sous</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="207"/>
        <source>What the map is about (fitted)</source>
        <translation>Le sujet de la carte (ajusté)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="208"/>
        <source>What the map window shows now</source>
        <translation>Ce que montre la fenêtre de la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="209"/>
        <source>Leave out telephone numbers (to post publicly)</source>
        <translation>Retirer les numéros de téléphone (pour un affichage public)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="210"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="211"/>
        <source>Save map</source>
        <translation>Enregistrer la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="287"/>
        <source>Save the map as</source>
        <translation>Enregistrer la carte sous</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="293"/>
        <source>Updating the preview…</source>
        <translation>Mise à jour de l&apos;aperçu…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="332"/>
        <source>No preview: {error}</source>
        <translation>Pas d&apos;aperçu : {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="339"/>
        <source>Preview of the {paper} page</source>
        <translation>Aperçu de la page {paper}</translation>
    </message>
</context>
<context>
    <name>ProgressFlow</name>
    <message>
        <location filename="../../desktop/progress_flow.py" line="149"/>
        <source>Mapping progress…</source>
        <extracomment>(day, mapped so far, verified so far), oldest first.</extracomment>
        <translation>Avancement de la cartographie…</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="150"/>
        <source>Features mapped and verified, per area, contributor, session and day</source>
        <translation>Éléments cartographiés et vérifiés, par zone, contributeur, séance et jour</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="152"/>
        <source>Mapping progress</source>
        <translation>Avancement de la cartographie</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="153"/>
        <source>By area:</source>
        <translation>Par zone :</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="154"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="155"/>
        <source>Write report…</source>
        <translation>Écrire le rapport…</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="157"/>
        <source>&lt;span style=&apos;color:#2a7ab0&apos;&gt;■&lt;/span&gt; on the map &amp;nbsp; &lt;span style=&apos;color:#3a9a4a&apos;&gt;■&lt;/span&gt; verified, at the end of each day</source>
        <translation>&lt;span style=&apos;color:#2a7ab0&apos;&gt;■&lt;/span&gt; sur la carte &amp;nbsp; &lt;span style=&apos;color:#3a9a4a&apos;&gt;■&lt;/span&gt; vérifiés, à la fin de chaque jour</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="160"/>
        <location filename="../../desktop/progress_flow.py" line="173"/>
        <source>(the whole project)</source>
        <translation>(tout le projet)</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="220"/>
        <source>Write report</source>
        <translation>Écrire le rapport</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="221"/>
        <source>PDF (*.pdf);;Web page (*.html)</source>
        <translation>PDF (*.pdf);;Page web (*.html)</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="235"/>
        <source>Report written: {path}</source>
        <translation>Rapport écrit : {path}</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="qt_words.py" line="13"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="14"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="15"/>
        <source>Save All</source>
        <translation>Tout enregistrer</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="16"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="17"/>
        <source>&amp;Yes</source>
        <translation>&amp;Oui</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="18"/>
        <source>Yes to &amp;All</source>
        <translation>Oui à &amp;tout</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="19"/>
        <source>&amp;No</source>
        <translation>&amp;Non</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="20"/>
        <source>N&amp;o to All</source>
        <translation>Non à to&amp;ut</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="21"/>
        <source>Abort</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="22"/>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="23"/>
        <source>Ignore</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="24"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="25"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="26"/>
        <source>Discard</source>
        <translation>Ne pas enregistrer</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="27"/>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="28"/>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="29"/>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="30"/>
        <source>Restore Defaults</source>
        <translation>Restaurer les valeurs par défaut</translation>
    </message>
</context>
<context>
    <name>QuickStart</name>
    <message>
        <location filename="../../desktop/help_window.py" line="50"/>
        <source>Quick start</source>
        <extracomment>Languages the guide is written in (others get the English one).</extracomment>
        <translation>Prise en main</translation>
    </message>
</context>
<context>
    <name>ServiceFlow</name>
    <message>
        <location filename="../../desktop/service_flow.py" line="101"/>
        <source>Transport service…</source>
        <extracomment>The level of service is shown, and its layers are on the map (their names). The task under way, if any. The report shown (ServiceReport), and the layers it wrote.</extracomment>
        <translation>Desserte des transports…</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="102"/>
        <source>How often vehicles come on each line, and the buildings within a walk of a stop, per area</source>
        <translation>La fréquence des véhicules sur chaque ligne, et les bâtiments à distance de marche d’un arrêt, par zone</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="104"/>
        <location filename="../../desktop/service_flow.py" line="207"/>
        <source>Transport service</source>
        <translation>Desserte des transports</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="144"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="152"/>
        <source>Reading the lines, the stops and the streets…</source>
        <translation>Lecture des lignes, des arrêts et des rues…</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="153"/>
        <source>Measuring the walk from every building to the stops…</source>
        <translation>Mesure de la marche de chaque bâtiment jusqu’aux arrêts…</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="154"/>
        <source>Saving the layers…</source>
        <translation>Enregistrement des couches…</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="198"/>
        <source>The analysis stopped on an unexpected error.</source>
        <translation>L’analyse s’est arrêtée sur une erreur inattendue.</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="204"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>Annulé ; rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>ServicePanel</name>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="135"/>
        <location filename="../../desktop/panels/service_panel.py" line="375"/>
        <source>(none: the whole project area)</source>
        <extracomment>Sides of the squares offered as areas, metres (``service_level(by=&quot;grid:500&quot;)``). Run: by (an area layer or None), by_field (its name field or None), hazard (a hazard layer or None). Stop the analysis under way. How figures are written (thousands, decimals): the interface language&apos;s way. The report shown (None: no answer shown).</extracomment>
        <translation>(aucune : toute la zone du projet)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="137"/>
        <location filename="../../desktop/panels/service_panel.py" line="379"/>
        <source>Squares of {side} m</source>
        <translation>Carrés de {side} m</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="139"/>
        <location filename="../../desktop/panels/service_panel.py" line="382"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="203"/>
        <source>Working…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="237"/>
        <source>{percent}%</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="257"/>
        <source>This project has no transport line yet: draw one with its stops, or import a GTFS feed.</source>
        <translation>Ce projet n’a pas encore de ligne de transport : dessinez-en une avec ses arrêts, ou importez un flux GTFS.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="261"/>
        <source>Lines: {lines}; places to wait: {places}, {frequent_places} of them frequent. Of {buildings} buildings, {near} ({near_share}) are within a {walk} m walk of a stop, and {frequent} ({frequent_share}) of a stop with a vehicle at least every {wait} minutes in {band}.</source>
        <translation>Lignes : {lines} ; lieux d’attente : {places}, dont {frequent_places} fréquents. Sur {buildings} bâtiments, {near} ({near_share}) sont à moins de {walk} m de marche d’un arrêt, et {frequent} ({frequent_share}) d’un arrêt avec un véhicule au moins toutes les {wait} minutes ({band} h).</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="278"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="279"/>
        <source>Vehicles/hour
{band}</source>
        <translation>Véhicules/heure
{band} h</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="280"/>
        <source>Span</source>
        <translation>Amplitude</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="280"/>
        <source>Stops</source>
        <translation>Arrêts</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="280"/>
        <source>Length
(km)</source>
        <translation>Longueur
(km)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="282"/>
        <source>Stops cut off</source>
        <translation>Arrêts coupés</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="286"/>
        <source>Line with no name yet</source>
        <translation>Ligne encore sans nom</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="303"/>
        <source>Lines ({count}):</source>
        <translation>Lignes ({count}) :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="313"/>
        <source>Area</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="313"/>
        <source>Buildings</source>
        <translation>Bâtiments</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="314"/>
        <source>Within {walk} m of a
frequent stop</source>
        <translation>À moins de {walk} m
d’un arrêt fréquent</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="316"/>
        <source>Within {walk} m
of a stop</source>
        <translation>À moins de {walk} m
d’un arrêt</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="319"/>
        <source>(no name)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="332"/>
        <source>By area, least served first (double-click one to see it on the map):</source>
        <translation>Par zone, les moins desservies d’abord (double-cliquez sur une zone pour la voir sur la carte) :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="334"/>
        <source>The whole project area:</source>
        <translation>Toute la zone du projet :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="367"/>
        <source>By area:</source>
        <translation>Par zone :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="367"/>
        <source>Area names from:</source>
        <translation>Noms des zones :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="368"/>
        <source>Lines cut by:</source>
        <translation>Lignes coupées par :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="370"/>
        <source>A layer of areas (wards, grid cells): the share of buildings near a stop in each</source>
        <translation>Une couche de zones (quartiers, carrés) : la part des bâtiments proches d’un arrêt dans chacune</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="372"/>
        <source>A hazard layer: the lines that cross its affected zones, and their stops cut off</source>
        <translation>Une couche d’aléa : les lignes qui traversent ses zones touchées, et leurs arrêts coupés</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="383"/>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="384"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="385"/>
        <source>Stop this analysis; nothing will be changed</source>
        <translation>Arrêter cette analyse ; rien ne sera modifié</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="386"/>
        <source>Lines:</source>
        <translation>Lignes :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="387"/>
        <source>Copy tables</source>
        <translation>Copier les tableaux</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="388"/>
        <source>Copy both tables, to paste into a spreadsheet</source>
        <translation>Copier les deux tableaux, pour les coller dans un tableur</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="96"/>
        <source>Start a mapping session</source>
        <translation>Commencer une session de cartographie</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="97"/>
        <source>Welcome! Before mapping, tell us who you are. Every place, line and zone you add keeps your name and the session it was mapped in.</source>
        <translation>Bienvenue ! Avant de cartographier, dites-nous qui vous êtes. Chaque lieu, ligne et zone que vous ajoutez garde votre nom et la session où il a été cartographié.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="100"/>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="101"/>
        <source>e.g. Achieng Otieno</source>
        <translation>p. ex. Achieng Otieno</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="102"/>
        <source>Mapping session</source>
        <translation>Session de cartographie</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="103"/>
        <source>A new name starts a new session; pick an earlier one to continue it</source>
        <translation>Un nouveau nom commence une nouvelle session ; choisissez une session passée pour la continuer</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="105"/>
        <source>Facilitator (optional)</source>
        <translation>Animateur (facultatif)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="107"/>
        <source>Start mapping</source>
        <translation>Commencer à cartographier</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="108"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="117"/>
        <source>{area} community session {date}</source>
        <translation>{area} session communautaire {date}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="57"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="58"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="59"/>
        <source>Show UTM coordinates (metres) in the status bar</source>
        <translation>Afficher les coordonnées UTM (mètres) dans la barre d’état</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="60"/>
        <source>Open the last project again when Quartier starts</source>
        <translation>Rouvrir le dernier projet au démarrage de Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="61"/>
        <source>The language changes at once and is remembered.</source>
        <translation>La langue change tout de suite et est mémorisée.</translation>
    </message>
</context>
<context>
    <name>SplitTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="255"/>
        <source>Split line: click a transport line where it should be cut in two.</source>
        <translation>Couper la ligne : cliquez sur une ligne de transport là où elle doit être coupée en deux.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="260"/>
        <source>Click on a transport line.</source>
        <translation>Cliquez sur une ligne de transport.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="268"/>
        <source>The line is cut in two.</source>
        <translation>La ligne est coupée en deux.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="86"/>
        <source>UTM</source>
        <extracomment>Widest the project&apos;s path is shown, pixels (the full path is in its tooltip). The project file&apos;s button was clicked: show its folder.</extracomment>
        <translation>UTM</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="87"/>
        <source>Also show coordinates in metres (UTM)</source>
        <translation>Afficher aussi les coordonnées en mètres (UTM)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="88"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="89"/>
        <source>Stop this work; nothing will be changed</source>
        <translation>Arrêter ce travail ; rien ne sera modifié</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="90"/>
        <source>Position of the mouse on the map</source>
        <translation>Position de la souris sur la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="91"/>
        <source>Map scale</source>
        <translation>Échelle de la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="113"/>
        <source>{path}
Click to show it in its folder</source>
        <translation>{path}
Cliquez pour l’afficher dans son dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="125"/>
        <source>Move the mouse over the map</source>
        <translation>Passez la souris sur la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="128"/>
        <source>Lat {lat:.5f}°, Lon {lon:.5f}°</source>
        <translation>Lat {lat:.5f}°, Lon {lon:.5f}°</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="131"/>
        <source>{crs}: E {x:,.0f} m, N {y:,.0f} m</source>
        <translation>{crs} : E {x:.0f} m, N {y:.0f} m</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="144"/>
        <source>Scale 1:{n:,}</source>
        <translation>Échelle 1:{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="162"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="177"/>
        <source>{title}: cancelled, nothing was changed.</source>
        <translation>{title} : annulé, rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>StopPrompt</name>
    <message>
        <location filename="../../desktop/editing/stop_prompt.py" line="72"/>
        <source>Stop number {number} of {line}: what do people call it?</source>
        <extracomment>OK pressed with a name. Closed, by OK (1) or Cancel (0).</extracomment>
        <translation>Arrêt numéro {number} de {line} : comment les gens l’appellent-ils ?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/stop_prompt.py" line="74"/>
        <source>Name *</source>
        <translation>Nom *</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/stop_prompt.py" line="75"/>
        <source>Kind</source>
        <translation>Sorte</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/stop_prompt.py" line="76"/>
        <source>e.g. Olympic stage</source>
        <translation>p. ex. arrêt Olympic</translation>
    </message>
</context>
<context>
    <name>TagExistingTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="304"/>
        <source>Tag existing: click a building or place of the base map, then choose what it is (e.g. School). It keeps its OpenStreetMap identity.</source>
        <translation>Décrire l’existant : cliquez sur un bâtiment ou un lieu du fond de carte, puis choisissez ce que c’est (p. ex. École). Il garde son identité OpenStreetMap.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="310"/>
        <source>Click on a building or a place of the base map.</source>
        <translation>Cliquez sur un bâtiment ou un lieu du fond de carte.</translation>
    </message>
</context>
<context>
    <name>TeamProjectDialog</name>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="44"/>
        <source>Open team project</source>
        <translation>Ouvrir un projet d’équipe</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="47"/>
        <source>db.city.go.ke:5432/mapping</source>
        <translation>db.ville.example:5432/cartographie</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="53"/>
        <source>(from PGPASSWORD or ~/.pgpass if empty)</source>
        <translation>(pris dans PGPASSWORD ou ~/.pgpass si vide)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="54"/>
        <source>Show projects</source>
        <translation>Afficher les projets</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="66"/>
        <source>Server and database:</source>
        <translation>Serveur et base de données :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="67"/>
        <source>User:</source>
        <translation>Utilisateur :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="68"/>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="108"/>
        <source>Type the server&apos;s address and database first.</source>
        <translation>Saisissez d’abord l’adresse du serveur et la base de données.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="120"/>
        <source>{name}: {title} (published by {who}, {when})</source>
        <translation>{name} : {title} (publié par {who}, {when})</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="127"/>
        <source>This server holds no project yet: publish one with quartier server publish.</source>
        <translation>Ce serveur n’a encore aucun projet : publiez-en un avec quartier server publish.</translation>
    </message>
</context>
<context>
    <name>TeamWatch</name>
    <message>
        <location filename="../../desktop/team_watch.py" line="149"/>
        <source>a feature</source>
        <extracomment>How often the server is asked for others&apos; edits (milliseconds). Edits committed by others arrived (a list of HistoryEntry), on the GUI thread. A poll&apos;s entries, from the worker thread (internal).</extracomment>
        <translation>un objet</translation>
    </message>
    <message>
        <location filename="../../desktop/team_watch.py" line="152"/>
        <source>Someone</source>
        <translation>Quelqu’un</translation>
    </message>
    <message>
        <location filename="../../desktop/team_watch.py" line="154"/>
        <source>{who} deleted {what}</source>
        <translation>{who} a supprimé {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/team_watch.py" line="156"/>
        <source>{who} added {what}</source>
        <translation>{who} a ajouté {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/team_watch.py" line="158"/>
        <source>{who} saved {what}</source>
        <translation>{who} a enregistré {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/team_watch.py" line="161"/>
        <source>(and 1 more change)</source>
        <translation>(et 1 autre modification)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/team_watch.py" line="162"/>
        <source>(and %n more changes)</source>
        <translation>
            <numerusform>(et %n autre modification)</numerusform>
            <numerusform>(et %n autres modifications)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThresholdsDialog</name>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="400"/>
        <source>Hazard classes</source>
        <translation>Classes d’aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="402"/>
        <source>Classes of “{title}”, lowest first: each class lists the words that mean it. Ticked classes count as affected.</source>
        <translation>Classes de « {title} », de la plus basse à la plus haute : chaque classe liste les mots qui la désignent. Les classes cochées comptent comme touchées.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="405"/>
        <source>Classes of “{title}”, lowest first: a class holds the values above the limit of the class before it, up to and including its own limit. Ticked classes count as affected.</source>
        <translation>Classes de « {title} », de la plus basse à la plus haute : une classe contient les valeurs au-dessus de la limite de la classe précédente, jusqu’à sa propre limite comprise. Les classes cochées comptent comme touchées.</translation>
    </message>
</context>
<context>
    <name>ThresholdsEditor</name>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="71"/>
        <source>Not affected at or below</source>
        <translation>Non touché jusqu’à</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="71"/>
        <source>Low up to</source>
        <translation>Faible jusqu’à</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="72"/>
        <source>Medium up to (high above)</source>
        <translation>Moyen jusqu’à (élevé au-delà)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="72"/>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="88"/>
        <source>Each limit must be higher than the one above it.</source>
        <translation>Chaque limite doit être plus haute que celle du dessus.</translation>
    </message>
</context>
<context>
    <name>YesNoInput</name>
    <message>
        <location filename="../../desktop/editing/field_inputs.py" line="296"/>
        <source>Yes</source>
        <extracomment>Largest number a number input accepts (the preset&apos;s own maximum is checked by the form, which says why a number is refused rather than silently refusing the keystroke). What an unanswered choice or number shows. Decimals of non-integer numbers. The person changed the value.</extracomment>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/field_inputs.py" line="297"/>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/field_inputs.py" line="298"/>
        <source>Not known</source>
        <translation>Ne sait pas</translation>
    </message>
</context>
</TS>
