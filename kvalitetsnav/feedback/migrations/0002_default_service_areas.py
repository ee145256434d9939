"""The public form's default service areas, in plain language and its six languages.

The administrator can rename them, add others and map each to a unit per board.
"""

from django.db import migrations

AREAS = [('Hemtjänst',
  {'ar': 'الرعاية المنزلية',
   'en': 'Home care',
   'fa': 'مراقبت در منزل',
   'fi': 'Kotihoito',
   'so': 'Daryeelka guriga'}),
 ('Äldreboende',
  {'ar': 'دار رعاية المسنين',
   'en': 'Residential care for older people',
   'fa': 'خانه سالمندان',
   'fi': 'Vanhusten hoivakoti',
   'so': 'Guriga daryeelka waayeelka'}),
 ('Stöd till barn och familjer',
  {'ar': 'دعم الأطفال والأسر',
   'en': 'Support for children and families',
   'fa': 'حمایت از کودکان و خانواده\u200cها',
   'fi': 'Lasten ja perheiden tuki',
   'so': 'Taageerada carruurta iyo qoysaska'}),
 ('Ekonomiskt bistånd',
  {'ar': 'المساعدة المالية',
   'en': 'Financial assistance',
   'fa': 'کمک مالی',
   'fi': 'Toimeentulotuki',
   'so': 'Gargaarka dhaqaalaha'}),
 ('Stöd vid funktionsnedsättning',
  {'ar': 'دعم ذوي الإعاقة',
   'en': 'Support for people with disabilities',
   'fa': 'حمایت از افراد دارای معلولیت',
   'fi': 'Vammaisten tuki',
   'so': 'Taageerada dadka naafada ah'}),
 ('Missbruk och beroende',
  {'ar': 'الإدمان',
   'en': 'Substance abuse and addiction',
   'fa': 'اعتیاد و وابستگی',
   'fi': 'Päihteet ja riippuvuus',
   'so': 'Balwadda iyo ku-tiirsanaanta'}),
 ('Annat',
  {'ar': 'شيء آخر',
   'en': 'Something else',
   'fa': 'موضوع دیگر',
   'fi': 'Muu asia',
   'so': 'Wax kale'})]


def add_areas(apps, schema_editor):
    ServiceArea = apps.get_model("feedback", "ServiceArea")
    for position, (name, translations) in enumerate(AREAS, start=1):
        ServiceArea.objects.get_or_create(
            name=name, defaults={"translations": translations, "position": position}
        )


def remove_areas(apps, schema_editor):
    ServiceArea = apps.get_model("feedback", "ServiceArea")
    ServiceArea.objects.filter(name__in=[name for name, _ in AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(add_areas, remove_areas)]
