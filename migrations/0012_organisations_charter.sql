-- The first version of the French Impact charter: what an organisation commits to when it joins the
-- movement and shows its banner. A later version is a new row (charter_versions is never edited).

INSERT INTO charter_versions (version, title, body) VALUES (
  1,
  'Charte du mouvement French Impact',
  'En rejoignant le mouvement French Impact, notre organisation se reconnaît dans une ambition commune : faire grandir les initiatives qui transforment la société, dans chaque territoire, au service de l’intérêt général. Quelle que soit notre forme — association, fondation, coopérative, mutuelle, collectivité, entreprise sociale ou entreprise engagée —, nous prenons les engagements suivants.

1. Mesurer et partager notre impact. Nous suivons les effets de notre action sur les personnes et les territoires avec des indicateurs clairs, et nous en rendons compte publiquement, réussites comme difficultés.

2. Coopérer plutôt que concurrencer. Nous partageons nos méthodes, nos outils et nos apprentissages avec les autres membres du mouvement, et nous cherchons les alliances qui servent mieux les personnes concernées.

3. Essaimer ce qui marche. Lorsqu’une solution a fait ses preuves, nous aidons à la reproduire ailleurs, par nous-mêmes ou avec d’autres, plutôt que de la garder pour nous.

4. Agir avec et pour notre territoire. Nous construisons nos projets avec les habitants, les acteurs locaux et les collectivités, et nous restons attentifs aux territoires qui ont le moins accès aux ressources.

5. Être transparents sur nos financements. Nous rendons publiques l’origine de nos ressources et l’utilisation des fonds publics et privés que nous recevons.

6. Ne laisser personne de côté. Nous veillons à ce que nos actions soient accessibles à toutes et à tous, et nous associons les personnes concernées aux décisions qui les touchent.

7. Contribuer à la transition écologique. Nous réduisons l’empreinte de nos activités et nous privilégions les choix qui préservent les ressources pour les générations futures.

8. Faire vivre le mouvement. Nous tenons à jour notre profil, nous signalons les obstacles administratifs que nous rencontrons pour qu’ils soient levés, et nous respectons l’esprit de cette charte dans l’usage de la bannière French Impact.

Une organisation qui ne se reconnaît plus dans ces engagements peut quitter le mouvement à tout moment ; la bannière disparaît alors de son profil.'
);

-- migrate:down
DELETE FROM charter_versions WHERE version = 1 AND NOT EXISTS (
  SELECT 1 FROM movement_memberships WHERE charter_version = 1
);
