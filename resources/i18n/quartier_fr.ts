<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>About</name>
    <message>
        <location filename="../../desktop/dialogs/about.py" line="11" />
        <source>&lt;h3&gt;Quartier {version}&lt;/h3&gt;&lt;p&gt;Participatory mapping of neighbourhoods, offline: draw facilities, transport lines and risk zones with residents, on top of OpenStreetMap and hazard maps.&lt;/p&gt;&lt;p&gt;Free software under the GNU GPL, version 3 or later.&lt;/p&gt;&lt;p&gt;Map data © OpenStreetMap contributors, available under the Open Database Licence (ODbL 1.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Quartier {version}&lt;/h3&gt;&lt;p&gt;Cartographie participative des quartiers, hors ligne : dessinez les équipements, les lignes de transport et les zones à risque avec les habitants, sur OpenStreetMap et les cartes d’aléas.&lt;/p&gt;&lt;p&gt;Logiciel libre sous licence GNU GPL, version 3 ou ultérieure.&lt;/p&gt;&lt;p&gt;Données cartographiques © les contributeurs d’OpenStreetMap, disponibles sous la licence Open Database License (ODbL 1.0).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/about.py" line="33" />
        <source>About Quartier</source>
        <translation>À propos de Quartier</translation>
    </message>
</context>
<context>
    <name>CrsDialog</name>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="130" />
        <source>Which coordinate system?</source>
        <translation>Quel système de coordonnées ?</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="132" />
        <source>“{file}” does not say which coordinate system its coordinates are in. Which one is it? (Ask whoever made the file if you are not sure.)</source>
        <translation>« {file} » ne dit pas dans quel système de coordonnées sont ses coordonnées. Lequel est-ce ? (En cas de doute, demandez à la personne qui a fait le fichier.)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="135" />
        <source>WGS 84 longitude/latitude (EPSG:4326), as GPS and OpenStreetMap use</source>
        <translation>WGS 84 longitude/latitude (EPSG:4326), comme les GPS et OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="137" />
        <source>The project's UTM zone ({crs}), in metres</source>
        <translation>La zone UTM du projet ({crs}), en mètres</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="139" />
        <source>Another EPSG code:</source>
        <translation>Un autre code EPSG :</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="141" />
        <source>The coordinates look like degrees, so WGS 84 is likely.</source>
        <translation>Les coordonnées ressemblent à des degrés : WGS 84 est probable.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="144" />
        <source>The coordinates look like metres: a UTM zone or another projected system.</source>
        <translation>Les coordonnées ressemblent à des mètres : une zone UTM ou un autre système projeté.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="167" />
        <source>Unknown EPSG code.</source>
        <translation>Code EPSG inconnu.</translation>
    </message>
</context>
<context>
    <name>HazardClass</name>
    <message>
        <location filename="../../desktop/data_words.py" line="25" />
        <source>Low</source>
        <translation>Faible</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="26" />
        <source>Medium</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="27" />
        <source>High</source>
        <translation>Élevé</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="28" />
        <source>Not affected</source>
        <translation>Non touché</translation>
    </message>
</context>
<context>
    <name>HazardImportDialog</name>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="142" />
        <source>Add a reference layer</source>
        <extracomment>The file to read. Table name in the project (letters, digits and underscores). Title shown in the layers panel and the legend. Hazard type (None for a reference layer). Class limits for a continuous hazard (None for a reference layer). Vector hazard: the attribute holding depths or class words (None: one class).</extracomment>
        <translation>Ajouter une couche de référence</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="143" />
        <source>A layer to map on top of: boundaries, a survey, schools... (GeoPackage, Shapefile, GeoJSON).</source>
        <translation>Une couche sur laquelle cartographier : limites, enquête, écoles… (GeoPackage, Shapefile, GeoJSON).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="146" />
        <source>Add a hazard layer</source>
        <translation>Ajouter une couche d’aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="147" />
        <source>A hazard map: flood depth raster (GeoTIFF), flooded areas or risk zones (GeoPackage, Shapefile, GeoJSON).</source>
        <translation>Une carte d’aléa : hauteurs d’eau en raster (GeoTIFF), zones inondées ou zones à risque (GeoPackage, Shapefile, GeoJSON).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="149" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="149" />
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="149" />
        <source>Hazard</source>
        <translation>Aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="150" />
        <source>Hazard attribute</source>
        <translation>Attribut de l’aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="153" />
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="154" />
        <source>Classes (for depths and other measured values)</source>
        <translation>Classes (pour les hauteurs d’eau et autres valeurs mesurées)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="156" />
        <source>Flood</source>
        <translation>Inondation</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="156" />
        <source>Tsunami</source>
        <translation>Tsunami</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="157" />
        <source>Landslide</source>
        <translation>Glissement de terrain</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="157" />
        <source>Fire</source>
        <translation>Incendie</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="158" />
        <source>Erosion</source>
        <translation>Érosion</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="159" />
        <source>Storm surge</source>
        <translation>Submersion marine</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="160" />
        <source>Earthquake</source>
        <translation>Séisme</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="161" />
        <source>Volcanic ash</source>
        <translation>Cendres volcaniques</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="161" />
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="167" />
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="194" />
        <source>(none: every area in one class)</source>
        <translation>(aucun : toutes les zones dans une même classe)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="168" />
        <source>The attribute that holds a depth or a class word (low, medium, high)</source>
        <translation>L’attribut qui contient une hauteur ou un mot de classe (faible, moyen, élevé)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="181" />
        <source>Map layers (*.tif *.tiff *.asc *.gpkg *.shp *.geojson *.json)</source>
        <translation>Couches cartographiques (*.tif *.tiff *.asc *.gpkg *.shp *.geojson *.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="182" />
        <source>Choose a file</source>
        <translation>Choisir un fichier</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="88" />
        <source>What</source>
        <extracomment>Columns that mean nothing to a resident. Attributes whose value is a hazard class label ("Low (&lt; 0.5 m)").</extracomment>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="88" />
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="102" />
        <source>Nothing here. Click on a building, a street or a place.</source>
        <translation>Rien ici. Cliquez sur un bâtiment, une rue ou un lieu.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="104" />
        <source>Click on the map to see what is there.</source>
        <translation>Cliquez sur la carte pour voir ce qui s’y trouve.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="106" />
        <source>Found here:</source>
        <translation>Trouvé ici :</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="114" />
        <source>{name} ({layer})</source>
        <translation>{name} ({layer})</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="89" />
        <source>Adding {title}</source>
        <extracomment>A layer was added: its table name. The CRS question while it is shown (for tests). The outside-the-area warning while it is shown (for tests).</extracomment>
        <translation>Ajout de {title}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="102" />
        <source>Added {title} to the map.</source>
        <translation>{title} a été ajouté à la carte.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="134" />
        <source>Outside the project area</source>
        <translation>Hors de la zone du projet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="137" />
        <source>Import anyway</source>
        <translation>Importer quand même</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="164" />
        <source>This hazard layer has classes by name, not by value.</source>
        <translation>Les classes de cette couche d’aléa viennent de mots, pas de valeurs.</translation>
    </message>
</context>
<context>
    <name>LayerTitle</name>
    <message>
        <location filename="../../desktop/data_words.py" line="13" />
        <source>Buildings</source>
        <translation>Bâtiments</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="14" />
        <source>Roads and paths</source>
        <translation>Routes et chemins</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="15" />
        <source>Existing amenities and services</source>
        <translation>Équipements et services existants</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="16" />
        <source>Rivers, drains and water</source>
        <translation>Rivières, canaux et eau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="17" />
        <source>Land use and open spaces</source>
        <translation>Occupation du sol et espaces ouverts</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="18" />
        <source>Place names</source>
        <translation>Noms de lieux</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="19" />
        <source>Street graph: intersections</source>
        <translation>Graphe des rues : carrefours</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="20" />
        <source>Street graph: street segments</source>
        <translation>Graphe des rues : tronçons</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="21" />
        <source>Facilities</source>
        <translation>Équipements</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="22" />
        <source>Informal transport lines</source>
        <translation>Lignes de transport informel</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="23" />
        <source>Transport stops</source>
        <translation>Arrêts de transport</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="24" />
        <source>Risk zones</source>
        <translation>Zones à risque</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="94" />
        <source>Opacity</source>
        <extracomment>Zoom the map to this layer. Edit the classes of this hazard layer.</extracomment>
        <translation>Opacité</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="95" />
        <source>How see-through the selected layer is</source>
        <translation>Transparence de la couche choisie</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="96" />
        <source>Tick to show, drag to reorder, right-click for more.</source>
        <translation>Cochez pour afficher, glissez pour réordonner, clic droit pour plus.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="178" />
        <source>OpenStreetMap base layer</source>
        <translation>Couche de base OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="179" />
        <source>Street graph (for routes and access)</source>
        <translation>Graphe des rues (pour les itinéraires et l’accès)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="180" />
        <source>Mapped with residents</source>
        <translation>Cartographié avec les habitants</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="181" />
        <source>Hazard layer</source>
        <translation>Couche d’aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="182" />
        <source>Reference layer</source>
        <translation>Couche de référence</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="185" />
        <source>{title} ({kind}; table “{name}”)</source>
        <translation>{title} ({kind} ; table « {name} »)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="239" />
        <source>Zoom to layer</source>
        <translation>Zoomer sur la couche</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="242" />
        <source>Hazard classes…</source>
        <translation>Classes d’aléa…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="245" />
        <source>Remove from map…</source>
        <translation>Retirer de la carte…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="256" />
        <source>Remove layer</source>
        <translation>Retirer la couche</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="257" />
        <source>Remove “{title}” from the map?</source>
        <translation>Retirer « {title} » de la carte ?</translation>
    </message>
</context>
<context>
    <name>LegendLabel</name>
    <message>
        <location filename="../../desktop/data_words.py" line="152" />
        <source>Area</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="153" />
        <source>Building</source>
        <translation>Bâtiment</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="154" />
        <source>Cemetery</source>
        <translation>Cimetière</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="155" />
        <source>City</source>
        <translation>Grande ville</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="156" />
        <source>Commercial area</source>
        <translation>Zone commerciale</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="157" />
        <source>Community centre</source>
        <translation>Centre communautaire</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="158" />
        <source>Construction and brownfield</source>
        <translation>Chantier et friche</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="159" />
        <source>Cycle path</source>
        <translation>Piste cyclable</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="160" />
        <source>Drain and ditch</source>
        <translation>Caniveau et fossé</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="161" />
        <source>Education</source>
        <translation>Éducation</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="162" />
        <source>Emergency services</source>
        <translation>Services d’urgence</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="163" />
        <source>Facility</source>
        <translation>Équipement</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="164" />
        <source>Facility: community</source>
        <translation>Équipement : vie communautaire</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="165" />
        <source>Facility: education</source>
        <translation>Équipement : éducation</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="166" />
        <source>Facility: emergency</source>
        <translation>Équipement : urgence</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="167" />
        <source>Facility: health</source>
        <translation>Équipement : santé</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="168" />
        <source>Facility: market</source>
        <translation>Équipement : marché</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="169" />
        <source>Facility: place of worship</source>
        <translation>Équipement : lieu de culte</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="170" />
        <source>Facility: shelter</source>
        <translation>Équipement : abri</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="171" />
        <source>Facility: toilets and sanitation</source>
        <translation>Équipement : toilettes et assainissement</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="172" />
        <source>Facility: transport</source>
        <translation>Équipement : transport</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="173" />
        <source>Facility: water point</source>
        <translation>Équipement : point d’eau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="174" />
        <source>Farmland</source>
        <translation>Terres agricoles</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="175" />
        <source>Footpath</source>
        <translation>Chemin piéton</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="176" />
        <source>Forest</source>
        <translation>Forêt</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="177" />
        <source>Golf course</source>
        <translation>Golf</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="178" />
        <source>Grass and meadow</source>
        <translation>Herbe et prairie</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="179" />
        <source>Hamlet</source>
        <translation>Hameau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="180" />
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="181" />
        <source>Industrial area</source>
        <translation>Zone industrielle</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="182" />
        <source>Lake, pond, river area</source>
        <translation>Lac, étang, rivière</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="183" />
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="184" />
        <source>Locality</source>
        <translation>Lieu-dit</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="185" />
        <source>Market and shops</source>
        <translation>Marché et commerces</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="186" />
        <source>Market and shops area</source>
        <translation>Zone de marché et commerces</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="187" />
        <source>Military area</source>
        <translation>Zone militaire</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="188" />
        <source>Motorway</source>
        <translation>Autoroute</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="189" />
        <source>Orchard and allotments</source>
        <translation>Vergers et jardins familiaux</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="190" />
        <source>Other amenity</source>
        <translation>Autre équipement</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="191" />
        <source>Other land use</source>
        <translation>Autre occupation du sol</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="192" />
        <source>Other road</source>
        <translation>Autre voie</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="193" />
        <source>Park and garden</source>
        <translation>Parc et jardin</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="194" />
        <source>Pedestrian street</source>
        <translation>Rue piétonne</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="195" />
        <source>Place of worship</source>
        <translation>Lieu de culte</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="196" />
        <source>Playground</source>
        <translation>Aire de jeux</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="197" />
        <source>Point</source>
        <translation>Point</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="198" />
        <source>Primary road</source>
        <translation>Route principale</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="199" />
        <source>Quarter</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="200" />
        <source>Religious grounds</source>
        <translation>Terrain religieux</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="201" />
        <source>Residential area</source>
        <translation>Zone résidentielle</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="202" />
        <source>Residential street</source>
        <translation>Rue résidentielle</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="203" />
        <source>Risk zone</source>
        <translation>Zone à risque</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="204" />
        <source>Risk zone: high</source>
        <translation>Zone à risque : élevé</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="205" />
        <source>Risk zone: low</source>
        <translation>Zone à risque : faible</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="206" />
        <source>Risk zone: medium</source>
        <translation>Zone à risque : moyen</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="207" />
        <source>River</source>
        <translation>Rivière</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="208" />
        <source>Road under construction</source>
        <translation>Route en construction</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="209" />
        <source>Sand and bare ground</source>
        <translation>Sable et sol nu</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="210" />
        <source>School grounds</source>
        <translation>Terrain scolaire</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="211" />
        <source>Scrub</source>
        <translation>Broussailles</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="212" />
        <source>Secondary road</source>
        <translation>Route secondaire</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="213" />
        <source>Service road</source>
        <translation>Voie de desserte</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="214" />
        <source>Shelter</source>
        <translation>Abri</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="215" />
        <source>Sports pitch</source>
        <translation>Terrain de sport</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="216" />
        <source>Steps</source>
        <translation>Escaliers</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="217" />
        <source>Stream</source>
        <translation>Ruisseau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="218" />
        <source>Street</source>
        <translation>Rue</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="219" />
        <source>Street graph intersection</source>
        <translation>Graphe des rues : carrefour</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="220" />
        <source>Street graph segment</source>
        <translation>Graphe des rues : tronçon</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="221" />
        <source>Suburb</source>
        <translation>Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="222" />
        <source>Tertiary road</source>
        <translation>Route tertiaire</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="223" />
        <source>Toilets and sanitation</source>
        <translation>Toilettes et assainissement</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="224" />
        <source>Town</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="225" />
        <source>Track</source>
        <translation>Piste</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="226" />
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="227" />
        <source>Transport line</source>
        <translation>Ligne de transport</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="228" />
        <source>Transport stop</source>
        <translation>Arrêt de transport</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="229" />
        <source>Trunk road</source>
        <translation>Voie rapide</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="230" />
        <source>Village</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="231" />
        <source>Water</source>
        <translation>Eau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="232" />
        <source>Water point</source>
        <translation>Point d’eau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="233" />
        <source>Wetland</source>
        <translation>Zone humide</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <location filename="../../desktop/panels/legend_panel.py" line="44" />
        <source>The legend lists the layers shown on the map.</source>
        <translation>La légende liste les couches affichées sur la carte.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="282" />
        <source>&amp;File</source>
        <extracomment>Closest zoom for a search result (metres per pixel), about 1:2,000. A project is on the map (its Project object). The last error shown to the person (tests, bug reports).</extracomment>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="283" />
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="284" />
        <source>&amp;Layer</source>
        <translation>&amp;Couche</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="285" />
        <source>&amp;Settings</source>
        <translation>&amp;Paramètres</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="286" />
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="287" />
        <source>Open &amp;recent</source>
        <translation>Ouvrir un projet &amp;récent</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="288" />
        <source>Open &amp;sample area</source>
        <translation>Ouvrir une zone d’&amp;exemple</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="289" />
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="291" />
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="291" />
        <source>Open a project file (.gpkg)</source>
        <translation>Ouvrir un fichier de projet (.gpkg)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="292" />
        <source>New project…</source>
        <translation>Nouveau projet…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="293" />
        <source>Make a project from an OpenStreetMap extract</source>
        <translation>Créer un projet à partir d’un extrait OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="294" />
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="294" />
        <source>Close Quartier</source>
        <translation>Fermer Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="295" />
        <source>Clear the list</source>
        <translation>Vider la liste</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="296" />
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="296" />
        <source>Show a smaller area, closer</source>
        <translation>Voir une zone plus petite, de plus près</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="297" />
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="297" />
        <source>Show a larger area</source>
        <translation>Voir une zone plus grande</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="298" />
        <source>Whole area</source>
        <translation>Toute la zone</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="299" />
        <source>Show the whole project area</source>
        <translation>Voir toute la zone du projet</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="300" />
        <location filename="../../desktop/main_window.py" line="322" />
        <source>Add hazard</source>
        <translation>Ajouter un aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="301" />
        <source>Add a hazard layer: flood depth, flooded areas…</source>
        <translation>Ajouter une couche d’aléa : hauteurs d’eau, zones inondées…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="302" />
        <source>Add reference layer…</source>
        <translation>Ajouter une couche de référence…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="303" />
        <source>Add boundaries, a survey or other data to map on</source>
        <translation>Ajouter des limites, une enquête ou d’autres données sur lesquelles cartographier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="305" />
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="305" />
        <source>Language and coordinates</source>
        <translation>Langue et coordonnées</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="306" />
        <source>About Quartier</source>
        <translation>À propos de Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="307" />
        <source>UTM coordinates</source>
        <translation>Coordonnées UTM</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="308" />
        <source>Also show coordinates in metres (UTM)</source>
        <translation>Afficher aussi les coordonnées en mètres (UTM)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="309" />
        <source>Move map</source>
        <translation>Déplacer</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="310" />
        <source>Drag the map to move it</source>
        <translation>Faites glisser la carte pour la déplacer</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="311" />
        <location filename="../../desktop/main_window.py" line="331" />
        <source>What is here?</source>
        <translation>Qu’y a-t-il ici ?</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="312" />
        <source>Click on the map to see what is there</source>
        <translation>Cliquez sur la carte pour voir ce qui s’y trouve</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="314" />
        <source>Zoom to area</source>
        <translation>Zoom sur une zone</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="315" />
        <source>Draw a box on the map to zoom to it (or Shift+drag)</source>
        <translation>Tracez un rectangle sur la carte pour zoomer dessus (ou Maj+glisser)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="323" />
        <source>Kibera, Nairobi (Kenya)</source>
        <translation>Kibera, Nairobi (Kenya)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="324" />
        <source>Jakarta (Indonesia), with flood depths</source>
        <translation>Jakarta (Indonésie), avec hauteurs d’inondation</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="327" />
        <source>Sample area</source>
        <translation>Zone d’exemple</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="328" />
        <source>Open a ready-made example area</source>
        <translation>Ouvrir une zone d’exemple toute prête</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="329" />
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="330" />
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="332" />
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="333" />
        <source>Find a street, place or facility</source>
        <translation>Chercher une rue, un lieu, un équipement</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="334" />
        <source>Type a name and press Enter</source>
        <translation>Tapez un nom et appuyez sur Entrée</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="343" />
        <source>Quartier: participatory mapping</source>
        <translation>Quartier : cartographie participative</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="345" />
        <source>{project} — Quartier</source>
        <translation>{project} — Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="360" />
        <source>Open a project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="361" />
        <source>Quartier projects (*.gpkg)</source>
        <translation>Projets Quartier (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="368" />
        <source>Opening {name}</source>
        <translation>Ouverture de {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="375" />
        <source>Preparing the sample area (only the first time)</source>
        <translation>Préparation de la zone d’exemple (la première fois seulement)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="376" />
        <location filename="../../desktop/main_window.py" line="411" />
        <source>Opening the map</source>
        <translation>Ouverture de la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="387" />
        <source>Opening the sample area {name}</source>
        <translation>Ouverture de la zone d’exemple {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="400" />
        <source>Replace project?</source>
        <translation>Remplacer le projet ?</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="401" />
        <source>{file} already exists. Replace it?</source>
        <translation>{file} existe déjà. Le remplacer ?</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="426" />
        <source>Making {name}</source>
        <translation>Création de {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="444" />
        <source>Opened {name}</source>
        <translation>{name} est ouvert</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="456" />
        <source>Quartier</source>
        <translation>Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="455" />
        <source>Something went wrong: {error}</source>
        <translation>Un problème est survenu : {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="476" />
        <source>(no recent projects)</source>
        <translation>(aucun projet récent)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="500" />
        <source>This layer is empty.</source>
        <translation>Cette couche est vide.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="533" />
        <source>Nothing called “{text}” on this map.</source>
        <translation>Rien ne s’appelle « {text} » sur cette carte.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="560" />
        <source>Showing {label}</source>
        <translation>Affichage de {label}</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../../desktop/canvas.py" line="158" />
        <source>Open a project or a sample area to see the map.</source>
        <extracomment>Closest zoom (metres per pixel), about 1:500 on a laptop screen. Farthest zoom (metres per pixel), a whole country. Drag moves the map. Click shows what is there; drag moves the map. Drag draws a box to zoom to. Cursor position: longitude, latitude, and x, y in the working CRS. The map scale changed: its denominator (the N of 1:N). A click found these features (list of IdentifyResult; empty when nothing is there). The view changed (pan or zoom), before it is drawn. A new map image is on screen. Attribution drawn bottom right.</extracomment>
        <translation>Ouvrez un projet ou une zone d’exemple pour voir la carte.</translation>
    </message>
    <message>
        <location filename="../../desktop/canvas.py" line="159" />
        <source>Drawing the map…</source>
        <translation>Dessin de la carte…</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="69" />
        <source>New project from an OpenStreetMap extract</source>
        <translation>Nouveau projet à partir d’un extrait OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="70" />
        <source>Quartier reads the extract (.osm, .osm.pbf or .osm.bz2) and makes a project file you can also open in QGIS.</source>
        <translation>Quartier lit l’extrait (.osm, .osm.pbf ou .osm.bz2) et crée un fichier de projet que QGIS sait aussi ouvrir.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="72" />
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="87" />
        <source>OpenStreetMap extract</source>
        <translation>Extrait OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="73" />
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="97" />
        <source>Project file</source>
        <translation>Fichier de projet</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="73" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="76" />
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="77" />
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="78" />
        <source>From the file name</source>
        <translation>D’après le nom du fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="88" />
        <source>OpenStreetMap extracts (*.osm *.pbf *.bz2)</source>
        <translation>Extraits OpenStreetMap (*.osm *.pbf *.bz2)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="98" />
        <source>Quartier projects (*.gpkg)</source>
        <translation>Projets Quartier (*.gpkg)</translation>
    </message>
</context>
<context>
    <name>OsmKey</name>
    <message>
        <location filename="../../desktop/data_words.py" line="29" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="30" />
        <source>Amenity</source>
        <translation>Équipement</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="31" />
        <source>Building</source>
        <translation>Bâtiment</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="32" />
        <source>Building levels</source>
        <translation>Nombre d’étages</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="33" />
        <source>Shop</source>
        <translation>Commerce</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="34" />
        <source>Healthcare</source>
        <translation>Santé</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="35" />
        <source>Highway</source>
        <translation>Voie</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="36" />
        <source>Surface</source>
        <translation>Revêtement</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="37" />
        <source>Oneway</source>
        <translation>Sens unique</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="38" />
        <source>Ref</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="39" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="40" />
        <source>Population</source>
        <translation>Population</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="41" />
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="42" />
        <source>Landuse</source>
        <translation>Occupation du sol</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="43" />
        <source>Leisure</source>
        <translation>Loisirs</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="44" />
        <source>Natural</source>
        <translation>Milieu naturel</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="45" />
        <source>Water</source>
        <translation>Eau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="46" />
        <source>Waterway</source>
        <translation>Cours d’eau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="47" />
        <source>Man made</source>
        <translation>Ouvrage</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="48" />
        <source>Operator</source>
        <translation>Exploitant</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="49" />
        <source>Opening hours</source>
        <translation>Horaires</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="50" />
        <source>Religion</source>
        <translation>Religion</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="51" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="52" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="53" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="54" />
        <source>Addr street</source>
        <translation>Adresse : rue</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="55" />
        <source>Addr housenumber</source>
        <translation>Adresse : numéro</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="56" />
        <source>Emergency</source>
        <translation>Urgence</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="57" />
        <source>Office</source>
        <translation>Bureau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="58" />
        <source>Tourism</source>
        <translation>Tourisme</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="59" />
        <source>Public transport</source>
        <translation>Transport public</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="60" />
        <source>Railway</source>
        <translation>Voie ferrée</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="61" />
        <source>Junction</source>
        <translation>Carrefour</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="62" />
        <source>Lanes</source>
        <translation>Voies</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="63" />
        <source>Structure</source>
        <translation>Structure</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="64" />
        <source>Roof</source>
        <translation>Toit</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="65" />
        <source>Wall</source>
        <translation>Mur</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="66" />
        <source>Hazard</source>
        <translation>Aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="67" />
        <source>Hazard class</source>
        <translation>Classe d’aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="68" />
        <source>Depth</source>
        <translation>Hauteur</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="69" />
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="70" />
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="71" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="72" />
        <source>Created by</source>
        <translation>Créé par</translation>
    </message>
</context>
<context>
    <name>OsmValue</name>
    <message>
        <location filename="../../desktop/data_words.py" line="73" />
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="74" />
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="75" />
        <source>Hospital</source>
        <translation>Hôpital</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="76" />
        <source>Clinic</source>
        <translation>Centre de santé</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="77" />
        <source>Doctors</source>
        <translation>Médecins</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="78" />
        <source>Pharmacy</source>
        <translation>Pharmacie</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="79" />
        <source>School</source>
        <translation>École</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="80" />
        <source>Kindergarten</source>
        <translation>Jardin d’enfants</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="81" />
        <source>College</source>
        <translation>Lycée</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="82" />
        <source>University</source>
        <translation>Université</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="83" />
        <source>Place of worship</source>
        <translation>Lieu de culte</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="84" />
        <source>Toilets</source>
        <translation>Toilettes</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="85" />
        <source>Drinking water</source>
        <translation>Eau potable</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="86" />
        <source>Water point</source>
        <translation>Point d’eau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="87" />
        <source>Police</source>
        <translation>Police</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="88" />
        <source>Fire station</source>
        <translation>Caserne de pompiers</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="89" />
        <source>Fuel</source>
        <translation>Station-service</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="90" />
        <source>Bank</source>
        <translation>Banque</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="91" />
        <source>Marketplace</source>
        <translation>Marché</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="92" />
        <source>Community centre</source>
        <translation>Centre communautaire</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="93" />
        <source>Restaurant</source>
        <translation>Restaurant</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="94" />
        <source>Cafe</source>
        <translation>Café</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="95" />
        <source>Mortuary</source>
        <translation>Morgue</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="96" />
        <source>Mall</source>
        <translation>Centre commercial</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="97" />
        <source>Supermarket</source>
        <translation>Supermarché</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="98" />
        <source>Kiosk</source>
        <translation>Kiosque</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="99" />
        <source>Bus stop</source>
        <translation>Arrêt de bus</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="100" />
        <source>Residential</source>
        <translation>Résidentielle</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="101" />
        <source>Primary</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="102" />
        <source>Secondary</source>
        <translation>Secondaire</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="103" />
        <source>Tertiary</source>
        <translation>Tertiaire</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="104" />
        <source>Trunk</source>
        <translation>Voie rapide</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="105" />
        <source>Unclassified</source>
        <translation>Non classée</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="106" />
        <source>Service</source>
        <translation>Desserte</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="107" />
        <source>Footway</source>
        <translation>Chemin piéton</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="108" />
        <source>Path</source>
        <translation>Sentier</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="109" />
        <source>Track</source>
        <translation>Piste</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="110" />
        <source>Steps</source>
        <translation>Escaliers</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="111" />
        <source>Living street</source>
        <translation>Zone de rencontre</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="112" />
        <source>Roundabout</source>
        <translation>Rond-point</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="113" />
        <source>River</source>
        <translation>Rivière</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="114" />
        <source>Stream</source>
        <translation>Ruisseau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="115" />
        <source>Drain</source>
        <translation>Caniveau</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="116" />
        <source>Ditch</source>
        <translation>Fossé</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="117" />
        <source>Canal</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="118" />
        <source>Suburb</source>
        <translation>Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="119" />
        <source>Neighbourhood</source>
        <translation>Petit quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="120" />
        <source>Village</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="121" />
        <source>Town</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="122" />
        <source>City</source>
        <translation>Grande ville</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="123" />
        <source>Park</source>
        <translation>Parc</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="124" />
        <source>Pitch</source>
        <translation>Terrain de sport</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="125" />
        <source>Playground</source>
        <translation>Aire de jeux</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="126" />
        <source>Cemetery</source>
        <translation>Cimetière</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="127" />
        <source>Industrial</source>
        <translation>Industriel</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="128" />
        <source>Commercial</source>
        <translation>Commercial</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="129" />
        <source>Retail</source>
        <translation>Commerces</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="130" />
        <source>Forest</source>
        <translation>Forêt</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="131" />
        <source>Wood</source>
        <translation>Bois</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="132" />
        <source>Grass</source>
        <translation>Herbe</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="133" />
        <source>Wetland</source>
        <translation>Zone humide</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="134" />
        <source>House</source>
        <translation>Maison</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="135" />
        <source>Church</source>
        <translation>Église</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="136" />
        <source>Mosque</source>
        <translation>Mosquée</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="137" />
        <source>Christian</source>
        <translation>Chrétienne</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="138" />
        <source>Muslim</source>
        <translation>Musulmane</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="139" />
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="140" />
        <source>Education</source>
        <translation>Éducation</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="141" />
        <source>Sanitation</source>
        <translation>Assainissement</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="142" />
        <source>Shelter</source>
        <translation>Abri</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="143" />
        <source>Market</source>
        <translation>Marché</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="144" />
        <source>Worship</source>
        <translation>Culte</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="145" />
        <source>Community</source>
        <translation>Vie communautaire</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="146" />
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="147" />
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="148" />
        <source>Flood</source>
        <translation>Inondation</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="149" />
        <source>Way</source>
        <translation>Chemin (way)</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="150" />
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <location filename="../../desktop/data_words.py" line="151" />
        <source>Relation</source>
        <translation>Relation</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="52" />
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="53" />
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="54" />
        <source>Show UTM coordinates (metres) in the status bar</source>
        <translation>Afficher les coordonnées UTM (mètres) dans la barre d’état</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="55" />
        <source>The language changes at once and is remembered.</source>
        <translation>La langue change tout de suite et est mémorisée.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="68" />
        <source>UTM</source>
        <translation>UTM</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="69" />
        <source>Also show coordinates in metres (UTM)</source>
        <translation>Afficher aussi les coordonnées en mètres (UTM)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="70" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="71" />
        <source>Stop this work; nothing will be changed</source>
        <translation>Arrêter ce travail ; rien ne sera modifié</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="72" />
        <source>Position of the mouse on the map</source>
        <translation>Position de la souris sur la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="73" />
        <source>Map scale</source>
        <translation>Échelle de la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="92" />
        <source>Move the mouse over the map</source>
        <translation>Passez la souris sur la carte</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="95" />
        <source>Lat {lat:.5f}°, Lon {lon:.5f}°</source>
        <translation>Lat {lat:.5f}°, Lon {lon:.5f}°</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="98" />
        <source>{crs}: E {x:,.0f} m, N {y:,.0f} m</source>
        <translation>{crs} : E {x:.0f} m, N {y:.0f} m</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="111" />
        <source>Scale 1:{n:,}</source>
        <translation>Échelle 1:{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="129" />
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="144" />
        <source>{title}: cancelled, nothing was changed.</source>
        <translation>{title} : annulé, rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>ThresholdsDialog</name>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="106" />
        <source>Hazard classes</source>
        <translation>Classes d’aléa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="107" />
        <source>Classes of “{title}”: values up to each limit get that class.</source>
        <translation>Classes de « {title} » : les valeurs jusqu’à chaque limite reçoivent cette classe.</translation>
    </message>
</context>
<context>
    <name>ThresholdsEditor</name>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="58" />
        <source>Not affected at or below</source>
        <translation>Non touché jusqu’à</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="58" />
        <source>Low up to</source>
        <translation>Faible jusqu’à</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="59" />
        <source>Medium up to (high above)</source>
        <translation>Moyen jusqu’à (élevé au-delà)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="59" />
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="75" />
        <source>Each limit must be higher than the one above it.</source>
        <translation>Chaque limite doit être plus haute que celle du dessus.</translation>
    </message>
</context>
</TS>